"""
No code path of the app updates or deletes an audit row (S10).

The model refuses it at run time (tests/security/test_audit.py); this reads the source of
planner/, so a new module that even tries (a queryset update/delete, raw SQL on the table,
building rows outside audit_record) fails the suite before it runs.
"""

import ast
import warnings
from pathlib import Path

from planner.models import AuditEvent

PLANNER = Path(__file__).resolve().parents[2] / "planner"
WRITE_METHODS = {
    "update", "delete", "bulk_update", "update_or_create", "get_or_create", "bulk_create",
    "_raw_delete", "select_for_update",
}
# Only the audit service builds rows; the model module defines the class.
MAY_CONSTRUCT = {"services/audit.py"}


def _chain_mentions_audit(node: ast.AST) -> bool:
    """True if an expression like AuditEvent.objects.filter(...).x is rooted at AuditEvent."""
    while True:
        if isinstance(node, ast.Name):
            return node.id in {"AuditEvent", "AuditEventAdmin"}
        if isinstance(node, ast.Attribute):
            if node.attr in {"AuditEvent", "auditevent", "auditevent_set"}:
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            # apps.get_model("planner", "AuditEvent") and the like
            if any(isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                   and arg.value.lower().endswith("auditevent") for arg in node.args):
                return True
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return False


def violations(source: str, relative: str) -> list[str]:
    found = []
    table = AuditEvent._meta.db_table.lower()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # other modules' style is not this test's
        warnings.simplefilter("ignore", DeprecationWarning)
        tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in WRITE_METHODS and _chain_mentions_audit(node.func.value):
                found.append(f"{relative}:{node.lineno}: .{node.func.attr}() on AuditEvent")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "AuditEvent"
            and relative not in MAY_CONSTRUCT
        ):
            found.append(f"{relative}:{node.lineno}: AuditEvent(...) outside audit_record()")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            if table in text and any(verb in text for verb in ("update", "delete", "truncate",
                                                               "drop", "insert")):
                found.append(f"{relative}:{node.lineno}: raw SQL on {table}")
    return found


def test_no_code_in_planner_updates_or_deletes_audit_rows():
    found = []
    for path in sorted(PLANNER.rglob("*.py")):
        relative = path.relative_to(PLANNER).as_posix()
        if relative.startswith("migrations/"):
            continue
        found += violations(path.read_text(encoding="utf-8"), relative)
    assert not found, "Audit rows are append-only:\n" + "\n".join(found)


def test_the_check_catches_each_way_of_changing_the_trail():
    bad = '''
AuditEvent.objects.filter(pk=1).delete()
AuditEvent.objects.all().update(detail="x")
AuditEvent.objects.bulk_update(rows, ["detail"])
apps.get_model("planner", "AuditEvent").objects.filter().delete()
AuditEvent(actor_id=1, action="view")
cursor.execute("DELETE FROM planner_auditevent WHERE id = 1")
'''
    assert len(violations(bad, "views/evil.py")) == 6
    good = '''
audit_record(actor=user, action="view", object_type="client", object_id=1)
Client.objects.filter(pk=1).delete()
AuditEvent.objects.filter(actor_id=1).order_by("-created")
'''
    assert violations(good, "views/fine.py") == []
