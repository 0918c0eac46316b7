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

Unlisted paths are reported with list indices collapsed (`comments.body`) and never with values;
null values are not counted, so a key that is absent and a key that is null read the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redact import errors, jsonline
from redact.profile import RecordSpec
from redact.record import IdentifierField, TextField, path_name

TEXT, KEEP, PSEUDONYMIZE, DROP = "text", "keep", "pseudonymize", "drop"


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
    problem: FieldError | None = None  # the first unlisted number, under `analyze`


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

    def plan(self, data: dict) -> FieldPlan:
        """Every value of the object, by role; raises FieldError for a value its role cannot take.

        Text fields come in the order of `text_fields`, then the unlisted strings analysed."""
        plan = FieldPlan()
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
        elif role is None:  # an object on the way to listed paths
            if isinstance(node, list):
                for i, item in enumerate(node):
                    self._listed(item, at, where + (i,), plan)
            elif isinstance(node, dict):
                self._object(node, at, where, plan)
            elif node is not None and self.inner[at]:
                raise FieldError(errors.NOT_TEXT, f"{path_name(where)} holds a "
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
            raise FieldError(errors.NOT_TEXT, f"{path_name(where)} holds a {jsonline.json_type(node)}, "
                                              f"not {what}")

    def _unlisted_root(self, node: Any, at: tuple, where: tuple, plan: FieldPlan) -> None:
        seen = len(plan.unlisted)
        self._unlisted(node, at, where, plan)
        if self.spec.unlisted == DROP and (len(plan.unlisted) > seen or node is not None):
            plan.removed.append(where)

    def _unlisted(self, node: Any, at: tuple, where: tuple, plan: FieldPlan) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                self._unlisted(value, at + (key,), where + (key,), plan)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                self._unlisted(item, at, where + (i,), plan)
        elif node is not None:
            plan.unlisted.add(".".join(at))
            if self.spec.unlisted == "analyze":
                self._analyze(node, where, plan)

    @staticmethod
    def _analyze(node: Any, where: tuple, plan: FieldPlan) -> None:
        if isinstance(node, str):
            plan.fields.append(TextField(path=where, text=node, listed=False))
        elif not isinstance(node, bool) and plan.problem is None:
            plan.problem = FieldError(errors.UNLISTED_NUMBER, f"{path_name(where)} holds a number "
                                      f"({jsonline.json_type(node)}) the profile does not name (it may be "
                                      f"a phone number or an id): name it in record.keep_fields, "
                                      f"identifier_fields or drop_fields")


def _keys(path: tuple) -> tuple:
    """A value's path without its list indices: the dotted path a profile names."""
    return tuple(part for part in path if not isinstance(part, int))
