"""One JSON line in, one JSON line out: numbers kept as written, and every refusal a reason.

orjson parses almost every line, fast. But it reads an integer beyond 64 bits as a float
(`123456789012345678901234567890` -> `1.2345678901234568e+29`) and writes floats in its own
shortest form (`1.10` -> `1.1`, `1e5` -> `100000.0`). So a line that orjson read into any float is
parsed again by the standard library into number types that keep their literal, and written back
with that literal verbatim. Every other line (most: no floats, no long integers) costs one walk
over its values for a float, about as long as orjson took to parse it.

A line orjson refuses is refused with a reason: `not_utf8` for bytes that are not UTF-8 and for the
`\\ud800`-style escape of a lone surrogate (no UTF-8 text can hold one), `not_json` for the rest:
syntax, a blank line, nesting deeper than 1024, and the non-JSON constants `NaN`, `Infinity` and
`-Infinity`. Valid JSON orjson refuses (a number beyond a double's range, `1e400`) is parsed
exactly. A UTF-8 byte order mark at the start of a line is ignored, as RFC 8259 allows.
"""

from __future__ import annotations

import codecs
import json
import math
from typing import Any

import orjson

from redact import errors

ORJSON_INTEGERS = range(-(2**63), 2**64)
FRAGMENT_DEPTH = 200  # below orjson's 255 levels: deeper parts are written as fragments first


class LineError(Exception):
    """A line that is not usable JSON, with the quarantine reason and a detail without its text."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class JsonFloat(float):
    """A float that remembers the literal it was written as (`1.10`, `1e5`) and is written back
    with it. It is a float for everything else (consent rules, comparisons)."""

    literal: str

    def __new__(cls, literal: str) -> JsonFloat:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


def json_type(value: Any) -> str:
    """The name of a parsed value's type as a person reads it: `float` for a JsonFloat too."""
    return "float" if isinstance(value, float) else type(value).__name__


def loads(raw: bytes) -> Any:
    """The JSON value of one line, its numbers as written; LineError when it is not usable."""
    body = raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        return _refused(body, exc)
    if _holds_float(value):  # a float literal, or an integer orjson could not hold as one
        return loads_exact(body.decode("utf-8"))
    return value


def loads_exact(text: str) -> Any:
    """Parse with the standard library, every number kept as written (slower than orjson)."""
    try:
        return json.loads(text, parse_float=JsonFloat, parse_int=int, parse_constant=_not_json)
    except RecursionError:
        raise LineError(errors.NOT_JSON, "nested too deep to parse with its numbers kept") from None
    except ValueError as exc:  # not JSON, or an integer of more than 4300 digits
        raise LineError(errors.NOT_JSON, str(exc)) from None


def _refused(raw: bytes, exc: orjson.JSONDecodeError) -> Any:
    """A line orjson refused: JSON it cannot hold as a double (`1e400`) is parsed exactly; the
    rest raises LineError with the reason, and orjson's message as the detail."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:  # orjson says "surrogates not allowed" for any bad byte
        raise LineError(errors.NOT_UTF8, f"byte 0x{raw[bad.start]:02x} at byte {bad.start} of the "
                                         f"line is not UTF-8 ({bad.reason})") from None
    if not raw.strip():
        raise LineError(errors.NOT_JSON, "blank line")
    try:
        value = loads_exact(text)
    except LineError:
        raise LineError(errors.NOT_JSON, str(exc)) from None
    if _holds_lone_surrogate(value):
        raise LineError(errors.NOT_UTF8, "a \\u escape of a lone surrogate (D800-DFFF), which no "
                                         "UTF-8 text can hold")
    return value


def dumps(value: Any) -> bytes:
    """Compact JSON, as orjson writes it, with every number as it was read."""
    try:
        return orjson.dumps(value, default=_literal)
    except TypeError:  # an integer beyond 64 bits, or nesting deeper than orjson writes
        return orjson.dumps(_fragments(value, 0), default=_literal)


def _literal(value: Any) -> orjson.Fragment:
    if isinstance(value, JsonFloat):
        return orjson.Fragment(value.literal)
    raise TypeError(f"a {type(value).__name__} is not JSON")


def _fragments(value: Any, depth: int) -> Any:
    """`value` with what orjson cannot write itself made into verbatim fragments."""
    if isinstance(value, int) and not isinstance(value, bool) and value not in ORJSON_INTEGERS:
        return orjson.Fragment(str(value))
    if isinstance(value, (dict, list)) and depth == FRAGMENT_DEPTH:
        return orjson.Fragment(dumps(value))
    if isinstance(value, dict):
        return {key: _fragments(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_fragments(item, depth + 1) for item in value]
    return value


JSON_SCALARS = (str, int, float, type(None))  # bool is an int


def from_python(value: Any) -> Any:
    """A program's object (given to the library, not parsed) as a parsed line would be: a `str`
    subclass (numpy's `str_`, ...) becomes the plain `str` it holds, everything else is kept.

    Raises LineError as a line would be refused: `not_json` for a key that is not a string, a NaN
    or an infinity (JSON has neither; the CLI refuses them too), and any type JSON has none for (a
    set, bytes, a tuple, a numpy number, a datetime or pandas Timestamp); `not_utf8` for a string
    holding a lone surrogate, which no UTF-8 text can hold.
    """
    subclassed = False
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(key, str) for key in node):
                raise LineError(errors.NOT_JSON, "a key that is not a string")
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            subclassed = subclassed or type(node) is not str
            _check_utf8(node)
        elif isinstance(node, float) and not math.isfinite(node):
            raise LineError(errors.NOT_JSON, f"{node} is not a JSON value")
        elif not isinstance(node, JSON_SCALARS):
            raise LineError(errors.NOT_JSON, f"a {type(node).__name__} is not a JSON value")
    return _plain_strings(value) if subclassed else value


def _check_utf8(text: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise LineError(errors.NOT_UTF8, "a string holds a lone surrogate (D800-DFFF), which no "
                                         "UTF-8 text can hold") from None


def _plain_strings(value: Any) -> Any:
    """A copy of `value` with every str subclass made a plain str (by its content, not its __str__)."""
    if isinstance(value, dict):
        return {str.__str__(key): _plain_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_strings(item) for item in value]
    return str.__str__(value) if isinstance(value, str) else value


def _holds_float(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, float):
            return True
    return False


def _holds_lone_surrogate(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")
