"""Uses a generated models package against a real database and prints what it observed, as JSON.

    python3 use_models.py PACKAGE DATABASE_URL DRIVER SCENARIO

PACKAGE is importable (its parent directory on PYTHONPATH); DRIVER is psycopg2 or psycopg (3);
SCENARIO is `example` (the example app: profiles, notifications) or `fixture` (test/generate/fixture).
The test asserts on the printed observations; this script only reports them.
"""
import datetime
import importlib
import json
import sys
import uuid

import sqlalchemy
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

package, url, driver, scenario = sys.argv[1:5]
m = importlib.import_module(package)
SA2 = int(sqlalchemy.__version__.split(".")[0]) >= 2
out = {"sqlalchemy": sqlalchemy.__version__, "driver": driver}


def aware(value):
    return isinstance(value, datetime.datetime) and value.tzinfo is not None and value.utcoffset() is not None


def engine_url():
    rest = url.split("://", 1)[1]
    return "postgresql+%s://%s" % (driver, rest)


def orm_example(engine):
    uid = uuid.uuid4()
    with engine.begin() as conn:
        # The example's trigger on auth.users creates the profile row.
        conn.execute(text("INSERT INTO auth.users (id, email) VALUES (CAST(:id AS uuid), 'a@example.com')"), {"id": str(uid)})
    with Session(engine) as session:
        profile = session.get(m.Profile, uid)
        out["found_by_uuid"] = profile is not None
        out["found_by_filter"] = session.execute(select(m.Profile).where(m.Profile.id == uid)).scalar_one().id == uid
        out["id_type"] = type(profile.id).__name__
        out["settings_loaded"] = dict(profile.settings)
        out["created_at_aware"] = aware(profile.created_at)
        profile.settings["theme"] = "dark"
        profile.username = "user_%s" % uid.hex[:8]
        session.commit()
        note = m.Notification(recipient_user_id=uid)
        session.add(note)
        session.commit()
        out["notification_kind_default"] = note.kind
        out["notification_payload_default"] = dict(note.payload)
        note.payload["seen"] = True
        session.commit()
        out["notification_created_at_aware"] = aware(note.created_at)
    with engine.connect() as conn:
        out["settings_in_db"] = conn.execute(text("SELECT settings FROM profiles WHERE id = CAST(:id AS uuid)"), {"id": str(uid)}).scalar_one()
        out["payload_in_db"] = conn.execute(text("SELECT payload FROM notifications WHERE recipient_user_id = CAST(:id AS uuid)"), {"id": str(uid)}).scalar_one()
        out["enum_in_db"] = conn.execute(text("SELECT enum_range(NULL::notification_kind)::text[]")).scalar_one()
    out["enum_in_models"] = list(m.NotificationKind.enums)


def orm_fixture(engine):
    a, b = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        for uid in (a, b):
            conn.execute(text("INSERT INTO auth.users (id) VALUES (CAST(:id AS uuid))"), {"id": str(uid)})
    with Session(engine) as session:
        pa, pb = m.Profile(id=a, display_name="A"), m.Profile(id=b, display_name="B")
        session.add_all([pa, pb])
        session.flush()
        conn = m.PartnerConnection(requester=pa, addressee=pb, tags=["x"])
        session.add(conn)
        root = m.Task(title="root", owner=pa, class_="k")
        child = m.Task(title="child", parent=root, amount=__import__("decimal").Decimal("12.50"))
        session.add_all([root, child])
        session.commit()
        out["connection_status_default"] = conn.status
        out["requester_back"] = [c.id == conn.id for c in pa.partner_connections_by_requester_id]
        out["addressee_back"] = [c.id == conn.id for c in pb.partner_connections_by_addressee_id]
        out["task_children"] = [t.title for t in root.tasks_by_parent_id]
        out["task_generated"] = child.title_length
        out["task_identity"] = isinstance(root.id, int)
        out["task_priority_default"] = root.priority
        conn.history.append({"status": "accepted"})
        conn.status = "accepted"
        pa.settings["notifications"] = {"push": True}
        session.commit()
        conn_id = conn.id
    with engine.connect() as c:
        out["history_in_db"] = c.execute(text("SELECT history FROM partner_connections WHERE id = CAST(:id AS uuid)"), {"id": str(conn_id)}).scalar_one()
        out["settings_in_db"] = c.execute(text("SELECT settings FROM profiles WHERE id = CAST(:id AS uuid)"), {"id": str(a)}).scalar_one()
        out["class_in_db"] = c.execute(text('SELECT "class" FROM app.tasks WHERE title = \'root\'')).scalar_one()
    with Session(engine) as session:
        found = session.get(m.PartnerConnection, conn_id)
        out["found_by_uuid"] = found is not None and found.requester.id == a
        out["created_at_aware"] = aware(found.created_at)
        session.delete(session.get(m.Profile, b))
        session.commit()
        out["cascade_by_database"] = session.get(m.PartnerConnection, conn_id) is None
    out["enums_in_models"] = [list(m.ConnectionStatus.enums), list(m.AppPriority.enums)]


def core_psycopg3(scenario):
    """SQLAlchemy 1.4 has no psycopg 3 dialect: the models' statements, compiled for PostgreSQL, run through psycopg 3."""
    import psycopg
    from psycopg.types.json import Jsonb
    from sqlalchemy import update
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.psycopg2.dialect()

    def run(conn, stmt):
        compiled = stmt.compile(dialect=dialect)
        params = {k: (Jsonb(v) if isinstance(v, (dict, list)) else v) for k, v in compiled.params.items()}
        return conn.execute(str(compiled), params)

    with psycopg.connect(url, autocommit=True) as conn:
        uid = uuid.uuid4()
        conn.execute("INSERT INTO auth.users (id) VALUES (%s)", (uid,))
        table = m.Profile.__table__
        if scenario == "fixture":
            conn.execute("INSERT INTO profiles (id) VALUES (%s)", (uid,))
        row = run(conn, select(table).where(m.Profile.id == uid)).fetchone()
        out["found_by_uuid"] = row is not None
        out["id_type"] = type(row[0]).__name__
        created = row[list(table.columns.keys()).index("created_at")]
        out["created_at_aware"] = aware(created)
        settings = dict(row[list(table.columns.keys()).index("settings")])
        settings["theme"] = "dark"
        run(conn, update(table).where(m.Profile.id == uid).values(settings=settings))
        out["settings_in_db"] = conn.execute("SELECT settings FROM profiles WHERE id = %s", (uid,)).fetchone()[0]


engine = create_engine(engine_url()) if (driver == "psycopg2" or SA2) else None
if engine is not None:
    out["mode"] = "orm"
    (orm_example if scenario == "example" else orm_fixture)(engine)
    engine.dispose()
else:
    out["mode"] = "core-compiled"
    core_psycopg3(scenario)
print(json.dumps(out, default=str, sort_keys=True))
