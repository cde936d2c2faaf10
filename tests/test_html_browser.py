"""The HTML report in a real browser: headless Chromium opens the file (nothing is
served), logs no console errors, makes no network request, and its filters work.

Needs the Debian packages chromium and chromium-driver (.ci/run installs them).
Without them the test skips with instructions; under AIGUARD_REQUIRE_BROWSER=1 (CI)
it fails instead, as the OPA tests do under AIGUARD_REQUIRE_OPA=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiguard.config import Config
from aiguard.model import Severity
from aiguard.outputs.html import render_html
from aiguard.scan import run_scan
from tests.conftest import EXAMPLES
from tests.report_fixtures import billing_summary, cost_change

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
HOW = (
    "no headless Chromium: install the Debian packages with "
    "`apt-get install -y chromium chromium-driver` (.ci/run does)"
)

if (CHROMIUM is None or CHROMEDRIVER is None) and os.environ.get("AIGUARD_REQUIRE_BROWSER") == "1":
    pytest.fail(HOW, pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None, reason=HOW)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1800"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def test_report_loads_offline_without_errors_and_filters(browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver: object = browser
    result = run_scan([str(EXAMPLES)], Config(), workers=1)
    result.cost = cost_change()
    result.billing = billing_summary()
    report = tmp_path / "report.html"
    report.write_text(render_html(result, "high"), encoding="utf-8")

    driver.get(report.as_uri())  # type: ignore[attr-defined]
    rows = driver.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr.finding")  # type: ignore[attr-defined]
    assert len(rows) == 21

    def shown() -> int:
        visible = [
            row
            for row in driver.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr.finding")  # type: ignore[attr-defined]
            if row.is_displayed()
        ]
        counter = driver.find_element(By.ID, "shown-count").text  # type: ignore[attr-defined]
        assert int(counter) == len(visible)
        return len(visible)

    high = sum(1 for f in result.findings if f.severity is Severity.HIGH)
    assert high == 7
    Select(driver.find_element(By.ID, "filter-severity")).select_by_value("high")  # type: ignore[attr-defined]
    assert shown() == 7
    Select(driver.find_element(By.ID, "filter-family")).select_by_value("LOG")  # type: ignore[attr-defined]
    assert shown() == 3  # AIG-LOG-001 twice, AIG-LOG-002 once
    Select(driver.find_element(By.ID, "filter-severity")).select_by_value("")  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "filter-family")).select_by_value("")  # type: ignore[attr-defined]
    Select(driver.find_element(By.ID, "filter-framework")).select_by_value(  # type: ignore[attr-defined]
        "eu-ai-act Art. 19(1)"
    )
    assert shown() == 3
    Select(driver.find_element(By.ID, "filter-framework")).select_by_value("")  # type: ignore[attr-defined]
    storage = next(f.file for f in result.findings if f.file.endswith("aws/storage.tf"))
    Select(driver.find_element(By.ID, "filter-file")).select_by_value(storage)  # type: ignore[attr-defined]
    assert shown() == 4
    assert driver.find_elements(By.CSS_SELECTOR, "#chart-daily circle.anomaly")  # type: ignore[attr-defined]

    screenshot = tmp_path / "report.png"
    assert driver.save_screenshot(str(screenshot))  # type: ignore[attr-defined]
    assert screenshot.stat().st_size > 10_000
    if os.environ.get("AIGUARD_KEEP_SCREENSHOT"):
        shutil.copyfile(screenshot, os.environ["AIGUARD_KEEP_SCREENSHOT"])

    console = driver.get_log("browser")  # type: ignore[attr-defined]
    assert [entry for entry in console if entry["level"] in ("SEVERE", "WARNING")] == []
    requested = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert requested == [report.as_uri()]


def test_compliance_report_loads_offline_without_errors(browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver: object = browser
    report = tmp_path / "ai-act.html"
    executable = shutil.which("aiguard")
    assert executable
    written = subprocess.run(
        [executable, "report", str(EXAMPLES), "--format", "html", "--output", str(report)],
        capture_output=True,
        text=True,
    )
    assert written.returncode == 0, written.stderr
    driver.get(report.as_uri())  # type: ignore[attr-defined]
    sections = driver.find_elements(By.CSS_SELECTOR, "section.article")  # type: ignore[attr-defined]
    assert len(sections) == 19
    items = driver.find_elements(By.CSS_SELECTOR, "#not-assessable li")  # type: ignore[attr-defined]
    assert len(items) == 9
    screenshot = tmp_path / "ai-act.png"
    assert driver.save_screenshot(str(screenshot))  # type: ignore[attr-defined]
    if os.environ.get("AIGUARD_KEEP_SCREENSHOT"):
        shutil.copyfile(screenshot, os.environ["AIGUARD_KEEP_SCREENSHOT"] + ".ai-act.png")
    console = driver.get_log("browser")  # type: ignore[attr-defined]
    assert [entry for entry in console if entry["level"] in ("SEVERE", "WARNING")] == []
    requested = [
        json.loads(entry["message"])["message"]["params"]["request"]["url"]
        for entry in driver.get_log("performance")  # type: ignore[attr-defined]
        if json.loads(entry["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    assert requested == [report.as_uri()]
