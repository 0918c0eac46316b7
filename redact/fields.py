"""Fields: every path of a record has one role, so that nothing is written that was not decided.

A profile's `record:` section gives each dotted path one role: text to analyse (`text_fields`),
metadata kept as it is (`keep_fields`, and the `id_field`), a member identifier to pseudonymise
or drop (`identifier_fields`), or a path to drop (`drop_fields`). A path none of them names is
*unlisted* and follows `record.unlisted`:

- `analyze`: an unlisted string is analysed and anonymised like a text field; an unlisted number
  quarantines the record (`unlisted_number`: a number may be a phone number or a member id, and
  cannot be analysed as text without changing its type); booleans and null are kept; objects and
  lists are entered down to their leaves.
- `drop`: the unlisted key is removed from the output, whatever it holds.
- `quarantine`: a record holding an unlisted value is quarantined (`unlisted_field`).

A kept path (`keep_fields`) that holds an object or a list keeps its numbers, booleans and nulls as
they are, and its strings are analysed like text fields: only scalars are metadata.

Keys are data too: a key under an unlisted or kept path that is not a field name (`redact.keys`: not
shaped like one, or with word parts that read as a person's name or a long number: `kishan_patel`,
`mariaGarcia`, `phone_5551234567`) may be an email, a phone number or a name, so a record that
would write one is quarantined (`unlisted_key`).

A Parquet map is read as a list of `[key, value]` pairs, and its keys are judged as an
object's are (`map_keys`, from where the schema's maps are): under an unlisted or kept path a map key
that is not a field name quarantines the record, as the same key in a JSON object would; under a
text field it is analysed as text, as the map's values are.

Unlisted paths are reported with list indices collapsed (`comments.body`), never with values, a key
that is not a field name shown as `<key>`, and at most `MAX_LISTED` per record. A null under a
field-name key is not counted, so a key that is absent and a key that is null read the same (a Spark
row holds null for every column a line lacks); a null under any other key is (`seen_by.<key>`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from redact import errors, jsonline
from redact.keys import is_field_name
from redact.profile import RecordSpec
from redact.record import IdentifierField, TextField, path_name

TEXT, KEEP, PSEUDONYMIZE, DROP = "text", "keep", "pseudonymize", "drop"
HIDDEN_KEY = "<key>"  # how a key that is not a field name is shown in reports, summaries, warnings
MAX_LISTED = 50  # unlisted paths listed per record; the rest are counted as `... and N more`
# Where a row's maps are (`redact.parquet.map_places`): ("struct", {name: places}), ("list",
# places) or ("map", places of its values); None where no map is.
MapPlaces = tuple[str, Any] | None


class FieldError(Exception):
    """A record's value cannot be given its role: the record is quarantined with `reason`."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


@dataclass
class FieldPlan:
    """What one record's paths hold and what becomes of them."""

    fields: list[TextField] = field(default_factory=list)
    identifiers: list[IdentifierField] = field(default_factory=list)
    removed: list[tuple] = field(default_factory=list)
    unlisted: set[str] = field(default_factory=set)
    problem: FieldError | None = None  # the first unlisted number or unlisted key
    map_keys: frozenset[tuple] = frozenset()  # where the record's map keys are (`map_keys`)

    def fail(self, reason: str, detail: str) -> None:
        """Quarantine the record with this reason unless an earlier problem already does."""
        if self.problem is None:
            self.problem = FieldError(reason, detail)


class FieldPolicy:
    """A profile's field roles as a lookup by key path, applied to one parsed object at a time."""

    def __init__(self, spec: RecordSpec):
        self.spec = spec
        self.roles: dict[tuple[str, ...], str] = {}
        for paths, role in ((spec.keep_fields, KEEP), ([spec.id_field], KEEP),
                            (spec.drop_fields, DROP), (spec.text_fields, TEXT)):
            self.roles.update((tuple(path.split(".")), role) for path in paths)
        self.roles.update((tuple(path.split(".")), action)
                          for path, action in spec.identifier_fields.items())
        self.order = {tuple(path.split(".")): i for i, path in enumerate(spec.text_fields)}
        # Objects on the way to a listed path, and whether a text path goes through them.
        self.inner: dict[tuple[str, ...], bool] = {}
        for path, role in self.roles.items():
            for i in range(1, len(path)):
                self.inner[path[:i]] = self.inner.get(path[:i], False) or role == TEXT

    def plan(self, data: dict, maps: MapPlaces = None) -> FieldPlan:
        """Every value of the object, by role; raises FieldError for a value its role cannot take.
        `maps`: where the maps of a Parquet row are, whose keys are judged as keys.

        Text fields come in the order of `text_fields`, then the unlisted strings analysed."""
        plan = FieldPlan(map_keys=frozenset(map_keys(data, maps)))
        self._object(data, (), (), plan)
        last = len(self.order)
        plan.fields.sort(key=lambda f: self.order.get(_keys(f.path), last) if f.listed else last + 1)
        return plan

    def _object(self, node: dict, at: tuple, where: tuple, plan: FieldPlan) -> None:
        for key, value in node.items():
            path = at + (key,)
            if path in self.roles or path in self.inner:
                self._listed(value, path, where + (key,), plan)
            else:
                self._unlisted_root(value, path, where + (key,), plan)

    def _listed(self, node: Any, at: tuple, where: tuple, plan: FieldPlan) -> None:
        role = self.roles.get(at)
        if role == DROP:
            plan.removed.append(where)
        elif role in (TEXT, PSEUDONYMIZE):
            self._leaves(node, at, where, plan, role)
        elif role == KEEP and isinstance(node, (dict, list)):
            self._enter(node, at, where, plan, self._kept)
        elif role is None:  # an object on the way to listed paths
            if isinstance(node, list):
                for i, item in enumerate(node):
                    self._listed(item, at, where + (i,), plan)
            elif isinstance(node, dict):
                self._object(node, at, where, plan)
            elif node is not None and self.inner[at]:
                raise FieldError(errors.NOT_TEXT, f"{shown(where)} holds a "
                                                  f"{jsonline.json_type(node)}, not an object")
            elif node is not None:
                self._unlisted_root(node, at, where, plan)

    def _leaves(self, node: Any, at: tuple, where: tuple, plan: FieldPlan, role: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                self._leaves(item, at, where + (i,), plan, role)
        elif role == TEXT and isinstance(node, str):
            plan.fields.append(TextField(path=where, text=node))
        elif role == PSEUDONYMIZE and isinstance(node, (str, int, float)) and not isinstance(node, bool):
            plan.identifiers.append(IdentifierField(path=where, value=str(node)))
        elif node is not None and not (role == PSEUDONYMIZE and isinstance(node, bool)):
            what = "text" if role == TEXT else "an identifier"
            raise FieldError(errors.NOT_TEXT, f"{shown(where)} holds a {jsonline.json_type(node)}, "
                                              f"not {what}")

    def _unlisted_root(self, node: Any, at: tuple, where: tuple, plan: FieldPlan) -> None:
        seen = len(plan.unlisted)
        self._key(at[-1], where[:-1], plan, kept=False)
        self._enter(node, at, where, plan, self._unlisted)
        if self.spec.unlisted == DROP and (len(plan.unlisted) > seen or node is not None):
            plan.removed.append(where)

    def _enter(self, node: Any, at: tuple, where: tuple, plan: FieldPlan, leaf) -> None:
        """Every value under an unlisted or kept path, its keys checked: `leaf` decides each."""
        if isinstance(node, dict):
            for key, value in node.items():
                self._key(key, where, plan, kept=leaf == self._kept)
                self._enter(value, at + (key,), where + (key,), plan, leaf)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                self._enter(item, at, where + (i,), plan, leaf)
        else:
            if where in plan.map_keys and isinstance(node, str):  # a map's key is a key, and data too
                self._key(node, where[:-2], plan, kept=leaf == self._kept)
            leaf(node, at, where, plan)

    def _key(self, key: str, where: tuple, plan: FieldPlan, kept: bool) -> None:
        """A key that would be written and is not a field name quarantines the record."""
        if (kept or self.spec.unlisted != DROP) and not is_field_name(key):
            holder = shown(_keys(where), ".".join)
            remedy = (f"name {holder} (the object holding it) in record.drop_fields" if where else
                      "set record.unlisted: drop to leave keys the profile does not name out of the output")
            plan.fail(errors.UNLISTED_KEY, f"{shown(where + (key,))} is a key the profile does not name "
                      f"and not a field name (it may be an email, a phone number or a name "
                      f"used as a key): {remedy}, or fix the input")

    @staticmethod
    def _kept(node: Any, at: tuple, where: tuple, plan: FieldPlan) -> None:
        if isinstance(node, str):  # a string inside a kept object or list: analysed, never kept as is
            plan.fields.append(TextField(path=where, text=node, listed=False))

    def _unlisted(self, node: Any, at: tuple, where: tuple, plan: FieldPlan) -> None:
        name = shown(at, ".".join)
        if node is not None or HIDDEN_KEY in name:  # a key that may be data counts even over a null
            plan.unlisted.add(name)
        if self.spec.unlisted == "analyze" and node is not None:
            self._analyze(node, where, plan)

    @staticmethod
    def _analyze(node: Any, where: tuple, plan: FieldPlan) -> None:
        if isinstance(node, str):
            plan.fields.append(TextField(path=where, text=node, listed=False))
        elif not isinstance(node, bool):
            plan.fail(errors.UNLISTED_NUMBER, f"{shown(where)} holds a number "
                      f"({jsonline.json_type(node)}) the profile does not name (it may be "
                      f"a phone number or an id): name it in record.keep_fields, "
                      f"identifier_fields or drop_fields")


def map_keys(node: Any, places: MapPlaces, where: tuple = ()) -> Iterator[tuple]:
    """The paths (`where`, list indices included) of the keys of the maps in `node`, the JSON
    form of a row whose maps are at `places`: a map's entry `[key, value]` has its key at 0."""
    if places is None:
        return
    kind, inner = places
    if kind == "struct" and isinstance(node, dict):
        for name, below in inner.items():
            yield from map_keys(node.get(name), below, where + (name,))
    elif kind in ("list", "map") and isinstance(node, list):
        for i, item in enumerate(node):
            if kind == "list":
                yield from map_keys(item, inner, where + (i,))
            elif isinstance(item, list) and len(item) == 2:
                yield where + (i, 0)
                yield from map_keys(item[1], inner, where + (i, 1))


def shown(path: tuple, join=path_name) -> str:
    """A path as reports, summaries and warnings show it: a key that is not a field name (it may be
    personal data) as `<key>`."""
    return join(tuple(part if isinstance(part, int) or is_field_name(part) else HIDDEN_KEY
                      for part in path))


def bounded(paths: list[str], limit: int = MAX_LISTED) -> tuple[str, ...]:
    """At most `limit` paths, then `... and N more` for the rest."""
    more = len(paths) - limit
    return tuple(paths[:limit]) + ((f"... and {more} more",) if more > 0 else ())


def _keys(path: tuple) -> tuple:
    """A value's path without its list indices: the dotted path a profile names."""
    return tuple(part for part in path if not isinstance(part, int))
