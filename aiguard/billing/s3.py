"""Billing exports in S3: list, honour CUR and Data Exports manifests, download.

boto3 finds the endpoint and credentials the standard way (AWS_ENDPOINT_URL,
AWS_PROFILE, instance roles...), so the same code reads AWS, an S3-compatible store,
or the moto server the tests start. Objects are downloaded to a temporary directory
under their key, so `BILLING_PERIOD=` partitions stay visible to DuckDB.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from aiguard.billing.files import is_export_file
from aiguard.errors import UsageError


def split_uri(uri: str) -> tuple[str, str]:
    """`s3://bucket/prefix` -> (bucket, prefix)."""
    rest = uri.removeprefix("s3://")
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise UsageError(f"{uri} names no bucket; write s3://BUCKET/PREFIX")
    return bucket, prefix


def fetch(uri: str, target: Path) -> list[tuple[Path, str]]:
    """Download the export files under `uri` to `target`: (local path, s3:// URI) each."""
    import boto3  # imported here: 0.3 s that only S3 sources should pay
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, prefix = split_uri(uri)
    client = boto3.client("s3")
    try:
        keys = _list_keys(client, bucket, prefix)
        selected = _manifest_keys(client, bucket, keys) or sorted(
            k for k in keys if is_export_file(PurePosixPath(k).name)
        )
        fetched = []
        for key in selected:
            local = target / bucket / key
            local.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(bucket, key, str(local))
            fetched.append((local, f"s3://{bucket}/{key}"))
    except (BotoCoreError, ClientError) as exc:
        raise UsageError(f"cannot read {uri}: {exc}") from exc
    return fetched


def _list_keys(client: Any, bucket: str, prefix: str) -> list[str]:
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return keys


def _manifest_keys(client: Any, bucket: str, keys: list[str]) -> list[str]:
    """The data files the manifests list, or [] when there is no manifest.

    Legacy CUR writes a manifest per billing period (`reportKeys`) and older copies per
    assembly in subdirectories below it; only the outermost manifest of a directory tree
    is current. Data Exports (CUR 2.0, FOCUS) manifests list `dataFiles` as URIs.
    """
    manifests = [k for k in keys if k.lower().endswith("manifest.json")]
    directories = {k: str(PurePosixPath(k).parent) for k in manifests}
    outermost = [
        k
        for k in manifests
        if not any(
            other != k and directories[k].startswith(directories[other] + "/")
            for other in manifests
        )
    ]
    listed: set[str] = set()
    for key in outermost:
        body = client.get_object(Bucket=bucket, Key=key)["Body"].read()
        try:
            manifest = json.loads(body)
        except json.JSONDecodeError as exc:
            raise UsageError(f"manifest s3://{bucket}/{key} is not JSON: {exc.msg}") from exc
        listed.update(manifest.get("reportKeys", []))
        for uri in manifest.get("dataFiles", []):
            file_bucket, file_key = split_uri(uri)
            if file_bucket == bucket:
                listed.add(file_key)
    return sorted(listed)
