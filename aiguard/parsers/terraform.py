"""Terraform HCL source -> `Resource` objects, one module (directory) at a time.

The files are parsed with tree-sitter-hcl, a C parser about 35x faster than python-hcl2
that also gives every attribute its exact line; this module turns the concrete syntax
tree into plain values. Values follow the shape of `terraform show -json` (nested blocks
as lists of dicts) and the Terraform JSON convention for anything that is not a literal:
the expression's source text as `"${...}"`. A module is parsed as a whole because a
provider block, a variable or a local in one file applies to resources in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tree_sitter_hcl
from tree_sitter import Language, Node, Parser

from aiguard.model import ParseError, ParseOutput, Resource
from aiguard.parsers.terraform_derive import Attributes, derive_facts, resource_family
from aiguard.redact import is_secret_name, redact_secrets

_BOM = b"\xef\xbb\xbf"
# Escapes in quoted strings; `$${` and `%%{` are also valid in heredocs.
_QUOTED_ESCAPE = re.compile(r'\\(?:([nrt"\\])|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))|\$\$\{|%%\{')
_HEREDOC_ESCAPE = re.compile(r"\$\$\{|%%\{")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
# `provider = aws.west` as the converter renders it.
_PROVIDER_REF = re.compile(r"^\$\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)\}$")
_WORD = re.compile(rb"[A-Za-z_][A-Za-z0-9_-]*")
_TEMPLATE_HOLES = frozenset({"template_interpolation", "template_directive"})
_MISSING_TOKEN_NAMES = {"quoted_template_end": '"', "heredoc_identifier": "heredoc end marker"}
_NOT_LITERAL = object()
# Nesting levels of blocks and values converted; real configurations stay far below.
_MAX_DEPTH = 64


def parse_terraform_module(files: list[tuple[str, bytes]]) -> ParseOutput:
    """Parse all `.tf` files of one directory, given as (display path, raw bytes).

    Never raises: unreadable files and syntax errors become `ParseError`s, and the valid
    top-level blocks of a file with a syntax error are still used. Files are read in path
    order, as Terraform does, so output and duplicate reports are deterministic.
    """
    output = ParseOutput()
    blocks: list[_Block] = []
    for path, data in sorted(files, key=lambda item: item[0]):
        blocks.extend(_read_blocks(path, data, output.errors))
    converter = _Converter(_module_scope(blocks))
    providers = _provider_configs(blocks, converter)
    resources = _resources(blocks, converter, output.errors)
    siblings = {resource.id: resource.attributes for resource in resources}
    for resource in resources:
        key = _provider_key(resource.attributes, resource_family(resource.kind))
        resource.derived = derive_facts(
            resource.kind,
            resource.attributes,
            providers.get(key, {}),
            siblings,
            data_source=resource.id.startswith("data."),
        )
    output.resources = resources
    return output


# --- files and blocks ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> Parser:
    """One parser per process: building the language and parser is the costly part."""
    return Parser(Language(tree_sitter_hcl.language()))


@dataclass(frozen=True)
class _Block:
    """A top-level block of one file: `resource "T" "N" { ... }` is type resource, (T, N)."""

    file: str
    node: Node
    type: str
    labels: tuple[str, ...]


def _read_blocks(path: str, data: bytes, errors: list[ParseError]) -> list[_Block]:
    """The well-formed top-level blocks of one file; problems are appended to `errors`."""
    try:
        data.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        errors.append(ParseError(file=path, line=1, message="file is not valid UTF-8"))
        return []
    source = data.removeprefix(_BOM)
    root = _parser().parse(source).root_node
    if root.has_error:
        errors.append(_syntax_error(path, source, root))
    blocks = []
    for node in _top_level_blocks(root):
        if not node.has_error:
            block_type, labels = _block_header(node)
            blocks.append(_Block(path, node, block_type, labels))
    return blocks


def _top_level_blocks(root: Node) -> Iterator[Node]:
    for child in root.children:
        if child.type == "body":
            yield from (node for node in child.children if node.type == "block")
        elif child.type == "block":
            yield child


def _block_header(node: Node) -> tuple[str, tuple[str, ...]]:
    """The block type and its labels; labels may be quoted or bare identifiers."""
    block_type = ""
    labels: list[str] = []
    for child in node.children:
        if child.type == "block_start":
            break
        if child.type == "identifier" and not block_type:
            block_type = _text(child)
        elif child.type == "identifier":
            labels.append(_text(child))
        elif child.type == "string_lit":
            labels.append(_decode_quoted(_text(child)[1:-1], keep_template_escapes=False))
    return block_type, tuple(labels)


def _syntax_error(path: str, data: bytes, root: Node) -> ParseError:
    """One error per file, at the first ERROR or MISSING node tree-sitter produced."""
    node = _first_error(root)
    line = node.start_point.row + 1
    if node.is_missing:
        missing = _MISSING_TOKEN_NAMES.get(node.type, node.type)
        detail = f"missing {missing}"
    else:
        lines = _text(node).strip().splitlines()
        detail = f"unexpected {lines[0][:40] if lines else 'end of input'}"
    if _mentions_secret(data, line):
        detail = "unexpected <redacted>"
    return ParseError(file=path, line=line, message=f"HCL syntax error near line {line}: {detail}")


def _first_error(root: Node) -> Node:
    """The first ERROR or MISSING node in document order (the root if none is found)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node
        stack.extend(reversed([child for child in node.children if child.has_error]))
    return root


def _mentions_secret(data: bytes, line: int) -> bool:
    """Whether an error line names a secret, so its text must not reach a report."""
    lines = data.splitlines()
    text = lines[line - 1] if line <= len(lines) else b""
    return any(is_secret_name(word.decode()) for word in _WORD.findall(text))


# --- variables, locals, providers ---------------------------------------------------


@dataclass
class _Scope:
    """The literal values of the module's variables (their defaults) and locals."""

    variables: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)


def _module_scope(blocks: list[_Block]) -> _Scope:
    """Variable defaults and locals that are literals, locals resolved to a fixed point.

    Locals may use variables and other locals in any order, so each round converts the
    still-unresolved locals with what is known so far; a round without progress ends it,
    which also ends reference cycles (they simply stay unresolved).
    """
    scope = _Scope()
    converter = _Converter(scope)
    pending: dict[str, Node] = {}
    for block in blocks:
        if block.type == "variable" and len(block.labels) == 1:
            default = _attribute_expressions(block.node).get("default")
            value = converter.literal(default) if default else _NOT_LITERAL
            if value is not _NOT_LITERAL:
                scope.variables[block.labels[0]] = value
        elif block.type == "locals":
            pending.update(_attribute_expressions(block.node))
    progress = True
    while pending and progress:
        progress = False
        for name, expression in list(pending.items()):
            value = converter.literal(expression)
            if value is not _NOT_LITERAL:
                scope.locals[name] = value
                del pending[name]
                progress = True
    return scope


def _attribute_expressions(block: Node) -> dict[str, Node]:
    """Attribute name -> expression node for the attributes directly in a block's body."""
    body = _child(block, "body")
    found: dict[str, Node] = {}
    for attribute in body.children if body else []:
        name, expression = _child(attribute, "identifier"), _child(attribute, "expression")
        if attribute.type == "attribute" and name and expression:
            found[_text(name)] = expression
    return found


def _resolve_reference(parts: list[Node], scope: _Scope) -> Any:
    """The literal value of the expression `var.NAME` or `local.NAME`, else `_NOT_LITERAL`.

    Only these two exact forms are resolved, and only to values that were literal after
    conversion, because that is cheap and what policies most need (`region = var.region`).
    A variable resolves to its default: aiguard reads one directory, so tfvars files and
    `-var` flags that could override it are unknown.
    """
    if len(parts) != 2 or parts[0].type != "variable_expr" or parts[1].type != "get_attr":
        return _NOT_LITERAL
    root, name = _text(parts[0]), _child(parts[1], "identifier")
    table = {"var": scope.variables, "local": scope.locals}.get(root)
    if table is None or name is None:
        return _NOT_LITERAL
    return table.get(_text(name), _NOT_LITERAL)


def _provider_configs(blocks: list[_Block], converter: _Converter) -> dict[str, Attributes]:
    """Provider configurations keyed as resources refer to them: `aws`, `aws.west`."""
    configs: dict[str, Attributes] = {}
    for block in blocks:
        if block.type == "provider" and len(block.labels) == 1:
            body: dict[str, Any] = redact_secrets(
                converter.body(_child(block.node, "body"), "", {})
            )
            alias = body.get("alias")
            key = f"{block.labels[0]}.{alias}" if isinstance(alias, str) else block.labels[0]
            configs[key] = body
    return configs


def _provider_key(attributes: Attributes, family: str) -> str:
    """The provider configuration a resource uses: its `provider` argument or the default."""
    value = attributes.get("provider")
    match = _PROVIDER_REF.match(value) if isinstance(value, str) else None
    return match.group(1) if match else family


# --- resources ----------------------------------------------------------------------


def _identity(block: _Block) -> tuple[str, str, str] | None:
    """(id, kind, provider) for resource, data and module blocks; None for the rest."""
    if block.type == "resource" and len(block.labels) == 2:
        kind, name = block.labels
        return f"{kind}.{name}", kind, resource_family(kind)
    if block.type == "data" and len(block.labels) == 2:
        kind, name = block.labels
        return f"data.{kind}.{name}", kind, resource_family(kind)
    if block.type == "module" and len(block.labels) == 1:
        return f"module.{block.labels[0]}", "module", "terraform"
    return None


def _resources(
    blocks: list[_Block], converter: _Converter, errors: list[ParseError]
) -> list[Resource]:
    """Resources, data sources and module calls, with duplicate addresses reported."""
    resources: list[Resource] = []
    seen: dict[str, Resource] = {}
    for block in blocks:
        identity = _identity(block)
        if identity is None:
            continue
        line = block.node.start_point.row + 1
        lines: dict[str, int] = {}
        body = converter.body(_child(block.node, "body"), "", lines)
        resource = Resource(
            id=identity[0],
            kind=identity[1],
            provider=identity[2],
            file=block.file,
            line=line,
            end_line=block.node.end_point.row + 1,
            attributes=redact_secrets(body),
            attribute_lines=lines,
        )
        first = seen.setdefault(resource.id, resource)
        if first is not resource:
            message = f"duplicate resource {resource.id} also defined at {first.file}:{first.line}"
            errors.append(ParseError(file=block.file, line=line, message=message))
        resources.append(resource)
    return resources


# --- the converter ------------------------------------------------------------------


class _Converter:
    """Turns tree-sitter HCL nodes into Python values, resolving what is cheap and literal.

    `unresolved` counts the expressions rendered as `${...}`; comparing it before and
    after a conversion tells whether the value is entirely literal, which is what decides
    whether a variable or local may be substituted into other values.
    """

    def __init__(self, scope: _Scope) -> None:
        self.scope = scope
        self.unresolved = 0
        self._depth = 0

    def literal(self, expression: Node) -> Any:
        """The value of `expression` if it is entirely literal, else `_NOT_LITERAL`."""
        before = self.unresolved
        value = self.value(expression)
        return value if self.unresolved == before else _NOT_LITERAL

    def body(self, node: Node | None, path: str, lines: dict[str, int]) -> dict[str, Any]:
        """A block body as a dict; records the line of everything under `path` in `lines`."""
        out: dict[str, Any] = {}
        if node is None or self._depth >= _MAX_DEPTH:
            return out
        self._depth += 1
        try:
            for child in node.children:
                if child.type == "attribute":
                    self._attribute(child, out, path, lines)
                elif child.type == "block":
                    self._nested_block(child, out, path, lines)
        finally:
            self._depth -= 1
        return out

    def _attribute(self, node: Node, out: dict[str, Any], path: str, lines: dict[str, int]) -> None:
        name, expression = _child(node, "identifier"), _child(node, "expression")
        if name is None or expression is None:
            return
        key = _text(name)
        out[key] = self.value(expression)
        lines[f"{path}{key}"] = node.start_point.row + 1
        if not isinstance(out[key], dict):
            return
        for element in _object_elements(expression):
            element_key = element.child_by_field_name("key")
            if element_key is not None:
                lines[f"{path}{key}.{self._object_key(element_key)}"] = element.start_point.row + 1

    def _nested_block(
        self, node: Node, out: dict[str, Any], path: str, lines: dict[str, int]
    ) -> None:
        """Append a nested block to the list under its type, as `terraform show -json` does.

        `dynamic "x" { content { ... } }` becomes one entry under `x` holding the content;
        a labelled block (`provisioner "local-exec"`) nests its body under its labels.
        """
        block_type, labels = _block_header(node)
        body = _child(node, "body")
        if block_type == "dynamic" and labels:
            block_type, labels = labels[0], ()
            content = next((b for b in _children(body, "block") if _is_content(b)), None)
            body = _child(content, "body") if content else None
        entries = out.get(block_type)
        if not isinstance(entries, list):
            entries = out[block_type] = []
        prefix = f"{path}{block_type}.{len(entries)}"
        lines[prefix] = node.start_point.row + 1
        value: Any = self.body(body, prefix + "." + "".join(f"{label}." for label in labels), lines)
        for label in reversed(labels):
            value = {label: value}
        entries.append(value)

    def value(self, expression: Node) -> Any:
        """The Python value of an `expression` node.

        Past `_MAX_DEPTH` levels of nesting the source text is kept instead, so that
        pathological input cannot exhaust the interpreter's stack.
        """
        if self._depth >= _MAX_DEPTH:
            return self._unresolved(expression)
        self._depth += 1
        try:
            return self._convert(expression)
        finally:
            self._depth -= 1

    def _convert(self, expression: Node) -> Any:
        parts = [child for child in expression.named_children if child.type != "comment"]
        kind = parts[0].type if len(parts) == 1 else ""
        if kind == "literal_value":
            return _literal_value(parts[0])
        if kind == "collection_value":
            return self._collection(parts[0])
        if kind == "template_expr":
            return self._template(parts[0])
        if kind == "expression":  # parenthesised
            return self.value(parts[0])
        if kind == "operation" and (negative := _negative_number(parts[0])) is not None:
            return negative
        resolved = _resolve_reference(parts, self.scope)
        if resolved is not _NOT_LITERAL:
            return resolved
        return self._unresolved(expression)

    def _unresolved(self, expression: Node) -> str:
        """The Terraform JSON form of an expression: its source text as `${...}`."""
        self.unresolved += 1
        return "${" + _text(expression) + "}"

    def _collection(self, node: Node) -> Any:
        inner = node.named_children[0]
        if inner.type == "tuple":
            return [self.value(item) for item in _children(inner, "expression")]
        out: dict[str, Any] = {}
        for element in _children(inner, "object_elem"):
            key, value = element.child_by_field_name("key"), element.child_by_field_name("val")
            if key is not None and value is not None:
                out[self._object_key(key)] = self.value(value)
        return out

    def _object_key(self, key: Node) -> str:
        """An identifier or string key as its name; any other key as its source text."""
        parts = key.named_children
        if len(parts) == 1 and parts[0].type == "variable_expr":
            return _text(parts[0])
        if len(parts) == 1 and parts[0].type == "literal_value":
            value = _literal_value(parts[0])
            if isinstance(value, str):
                return value
        return _text(key)

    def _template(self, node: Node) -> Any:
        """A quoted template or heredoc: the string if every interpolation resolves to a
        string or number, else the template text with its `${...}` kept (Terraform JSON)."""
        template = node.named_children[0]
        pieces = _template_pieces(template)
        resolved: list[str] = []
        for piece in pieces:
            if isinstance(piece, str):
                resolved.append(_decode_piece(template, piece, keep_template_escapes=False))
            elif (text := self._interpolated(piece)) is not None:
                resolved.append(text)
            else:
                self.unresolved += 1
                return _template_text(template, pieces)
        return "".join(resolved)

    def _interpolated(self, hole: Node) -> str | None:
        """The text of `${expr}` when `expr` is a literal string or number; else None."""
        expression = _child(hole, "expression")
        if hole.type != "template_interpolation" or expression is None:
            return None
        value = self.literal(expression)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


# --- literals and templates ---------------------------------------------------------


def _literal_value(node: Node) -> Any:
    inner = node.named_children[0]
    text = _text(inner)
    if inner.type == "numeric_lit":
        return float(text) if any(c in text for c in ".eE") else int(text)
    if inner.type == "bool_lit":
        return text == "true"
    if inner.type == "null_lit":
        return None
    return _decode_quoted(text[1:-1], keep_template_escapes=False)


def _negative_number(operation: Node) -> int | float | None:
    """`-1` is a unary operation in the grammar, but it is a literal to anyone reading it."""
    unary = operation.named_children[0]
    operand = unary.named_children[0] if unary.named_children else None
    if unary.type != "unary_operation" or operand is None or operand.type != "literal_value":
        return None
    if not _text(unary).startswith("-"):
        return None
    value = _literal_value(operand)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return -value


def _template_pieces(template: Node) -> list[str | Node]:
    """A template's content as literal source text between interpolation/directive nodes.

    Literal text is taken from the bytes between the holes rather than from the grammar's
    `template_literal` nodes, which leave out whitespace next to interpolations.
    """
    raw = template.text or b""
    base = template.start_byte
    start, end = _template_content_range(template)
    pieces: list[str | Node] = []
    position = start
    for hole in template.children:
        if hole.type in _TEMPLATE_HOLES and start <= hole.start_byte - base < end:
            if hole.start_byte - base > position:
                pieces.append(raw[position : hole.start_byte - base].decode("utf-8"))
            pieces.append(hole)
            position = hole.end_byte - base
    if position < end:
        pieces.append(raw[position:end].decode("utf-8"))
    if _is_flush_heredoc(template):
        return _flush(pieces)
    return pieces


def _template_content_range(template: Node) -> tuple[int, int]:
    """Byte offsets (relative to the template) of the content between its delimiters.

    A heredoc's content runs from the line after `<<EOF` to the start of the line holding
    the closing marker, so it ends with a newline as in Terraform.
    """
    raw = template.text or b""
    if template.type != "heredoc_template":
        return 1, len(raw) - 1
    markers = _children(template, "heredoc_identifier")
    opening, closing = markers[0], markers[-1]
    newline = raw.find(b"\n", opening.end_byte - template.start_byte)
    start = len(raw) if newline < 0 else newline + 1
    end = closing.start_byte - template.start_byte - closing.start_point.column
    return start, max(start, end)


def _is_flush_heredoc(template: Node) -> bool:
    start = _child(template, "heredoc_start")
    return start is not None and _text(start) == "<<-"


def _flush(pieces: list[str | Node]) -> list[str | Node]:
    """`<<-` heredocs: remove the smallest indentation of any non-blank line from all lines.

    A line that starts with an interpolation has no indentation, as in HCL.
    """
    source = "".join(piece if isinstance(piece, str) else _text(piece) for piece in pieces)
    indents = [len(line) - len(line.lstrip(" \t")) for line in source.split("\n") if line.strip()]
    width = min(indents, default=0)
    if width == 0:
        return pieces
    line_start = re.compile(rf"(?:^|(?<=\n))[ \t]{{0,{width}}}")
    after_newline = re.compile(rf"(?<=\n)[ \t]{{0,{width}}}")
    flushed: list[str | Node] = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            pattern = line_start if index == 0 else after_newline
            piece = pattern.sub("", piece)
        flushed.append(piece)
    return flushed


def _template_text(template: Node, pieces: list[str | Node]) -> str:
    """An unresolved template as Terraform JSON writes it: literal text and `${...}` holes."""
    return "".join(
        _decode_piece(template, piece, keep_template_escapes=True)
        if isinstance(piece, str)
        else _text(piece)
        for piece in pieces
    )


def _decode_piece(template: Node, text: str, *, keep_template_escapes: bool) -> str:
    """Literal template text: quoted strings decode backslash escapes, heredocs do not."""
    if template.type == "heredoc_template":
        return text if keep_template_escapes else _HEREDOC_ESCAPE.sub(_unescape, text)
    return _decode_quoted(text, keep_template_escapes=keep_template_escapes)


def _decode_quoted(text: str, *, keep_template_escapes: bool) -> str:
    """Decode `\\n`, `\\"`, `\\u00e9`, ... and, unless kept, `$${` and `%%{`.

    Kept template escapes leave a string that is still a valid template, so `$${x}` is
    not confused with an interpolation in an unresolved `${...}` value.
    """

    def replace(match: re.Match[str]) -> str:
        if keep_template_escapes and match.group(0) in ("$${", "%%{"):
            return match.group(0)
        return _unescape(match)

    return _QUOTED_ESCAPE.sub(replace, text)


def _unescape(match: re.Match[str]) -> str:
    whole = match.group(0)
    if whole in ("$${", "%%{"):
        return whole[1:]
    if match.group(1):
        return _SIMPLE_ESCAPES[match.group(1)]
    code = int(match.group(2) or match.group(3), 16)
    # Surrogates and out-of-range code points are kept as written: they cannot be encoded.
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else whole


# --- tree helpers -------------------------------------------------------------------


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8")


def _child(node: Node | None, node_type: str) -> Node | None:
    """The first direct child of `node` with the given type."""
    for child in node.children if node else []:
        if child.type == node_type:
            return child
    return None


def _children(node: Node | None, node_type: str) -> list[Node]:
    return [child for child in node.children if child.type == node_type] if node else []


def _is_content(block: Node) -> bool:
    return _block_header(block)[0] == "content"


def _object_elements(expression: Node) -> list[Node]:
    """The `key = value` elements of an object expression; empty for anything else."""
    collection = _child(expression, "collection_value")
    return _children(_child(collection, "object"), "object_elem")
