"""Dossiers: the person's attributes held by their dossier with their history, episodes
closed by the office, dossier imports; a dimension's scope (activity or dossier); an
appointment's presence (venu, absent, annule). The values consultations carried for a
dossier-scope dimension are copied onto their dossiers, dated, the latest winning.

Revision ID: 0026
Revises: 0025
"""
from collections import defaultdict

from alembic import op
import sqlalchemy as sa


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

# Attributes of the person already in the vocabulary, now held by the dossier.
PERSON_DIMENSIONS = ["genre", "tranche_age", "region", "produit_principal", "produits",
                     "envoyeur"]
# (code, label, several values, [(code, label)]), as written for this migration.
NEW_DIMENSIONS = [
    ("statut", "Statut", False, [("usager", "Usager"), ("entourage", "Entourage (proche)")]),
    ("situation_familiale", "Situation familiale", False, [
        ("celibataire", "Célibataire"), ("en_couple", "En couple"), ("marie", "Marié(e)"),
        ("separe", "Séparé(e) ou divorcé(e)"), ("veuf", "Veuf ou veuve"),
        ("inconnu", "Donnée manquante")]),
    ("logement", "Vit avec", False, [
        ("seul", "Seul(e)"), ("parents", "Avec ses parents"), ("partenaire", "Avec un(e) partenaire"),
        ("partenaire_enfants", "Avec partenaire et enfant(s)"), ("enfants", "Seul(e) avec enfant(s)"),
        ("amis", "Avec des amis"), ("autre", "Autre"), ("inconnu", "Donnée manquante")]),
    ("lieu_de_vie", "Lieu de vie", False, [
        ("stable", "Logement stable"), ("instable", "Logement instable"),
        ("institution", "Institution"), ("prison", "Prison"), ("sans_abri", "Sans abri"),
        ("inconnu", "Donnée manquante")]),
    ("nationalite", "Nationalité", False, [
        ("belge", "Belge"), ("ue", "Union européenne"), ("hors_ue", "Hors Union européenne"),
        ("inconnu", "Donnée manquante")]),
    ("scolarite", "Scolarité", False, [
        ("aucune", "Aucune ou primaire non terminé"), ("primaire", "Primaire"),
        ("secondaire_inferieur", "Secondaire inférieur"),
        ("secondaire_superieur", "Secondaire supérieur"), ("superieur", "Supérieur"),
        ("inconnu", "Donnée manquante")]),
    ("revenus", "Revenus", False, [
        ("travail", "Revenus du travail"), ("chomage", "Allocations de chômage"),
        ("cpas", "Revenu d'intégration (CPAS)"), ("mutuelle", "Indemnités de mutuelle"),
        ("handicap", "Allocation de handicap"), ("pension", "Pension"),
        ("sans", "Sans revenu"), ("autre", "Autre"), ("inconnu", "Donnée manquante")]),
    ("traitement_substitution", "Traitement de substitution", False, [
        ("aucun", "Aucun"), ("methadone", "Méthadone"), ("buprenorphine", "Buprénorphine"),
        ("buprenorphine_naloxone", "Buprénorphine-naloxone"), ("autre", "Autre")]),
    ("deja_traite", "Déjà traité pour sa consommation", False, [
        ("oui", "Oui"), ("non", "Non"), ("inconnu", "Donnée manquante")]),
]
# The kinds of service a person is oriented to (an event's, not the person's).
DESTINATIONS = ("destination", "Orientation vers", False, [
    ("hopital", "Hôpital"), ("psychiatrie", "Service de psychiatrie"),
    ("centre_cure", "Centre de cure ou de sevrage"), ("postcure", "Postcure"),
    ("maison_medicale", "Maison médicale"), ("medecin_traitant", "Médecin traitant"),
    ("service_social", "Service social, CPAS"), ("logement", "Service d'aide au logement"),
    ("formation_emploi", "Formation, emploi"), ("justice", "Maison de justice"),
    ("autre", "Autre")])


def upgrade():
    op.create_table('dossier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier')),
    sa.UniqueConstraint('hash', name=op.f('uq_dossier_hash'))
    )
    op.create_table('dossier_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_import'))
    )
    with op.batch_alter_table('dossier_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_import_sha256'), ['sha256'], unique=False)
    op.create_table('dossier_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('dimension_code', sa.String(length=40), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['dossier_import.id'], name=op.f('fk_dossier_value_batch_id_dossier_import'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dimension_code'], ['dimension.code'], name=op.f('fk_dossier_value_dimension_code_dimension')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_dossier_value_dossier_id_dossier'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['value_id'], ['dimension_value.id'], name=op.f('fk_dossier_value_value_id_dimension_value')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_value')),
    sa.UniqueConstraint('dossier_id', 'dimension_code', 'valid_from', 'value_id', name=op.f('uq_dossier_value_dossier_id'))
    )
    with op.batch_alter_table('dossier_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_value_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index('ix_dossier_value_dimension', ['dimension_code', 'dossier_id', 'valid_from'], unique=False)
    op.create_table('episode_end',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_episode_end_dossier_id_dossier'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_episode_end')),
    sa.UniqueConstraint('dossier_id', 'closed_on', name=op.f('uq_episode_end_dossier_id'))
    )
    op.create_table('dossier_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=True),
    sa.Column('function_code', sa.String(length=40), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('orientation_interne', 'orientation_externe', 'hospitalisation')", name=op.f('ck_dossier_event_kind_known')),
    sa.ForeignKeyConstraint(['destination_id'], ['dimension_value.id'], name=op.f('fk_dossier_event_destination_id_dimension_value')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_dossier_event_dossier_id_dossier'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['function_code'], ['job_function.code'], name=op.f('fk_dossier_event_function_code_job_function')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_event'))
    )
    with op.batch_alter_table('dossier_event', schema=None) as batch_op:
        batch_op.create_index('ix_dossier_event_day', ['day', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_event_dossier_id'), ['dossier_id'], unique=False)
    with op.batch_alter_table('dimension', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.String(length=10), server_default='activity', nullable=False))
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('presence', sa.String(length=10), server_default='venu', nullable=False))
        batch_op.create_check_constraint('presence_known', "presence IN ('venu', 'absent', 'annule')")
        batch_op.drop_index('ix_activity_type_date')
        batch_op.create_index('ix_activity_type_date', ['type_id', 'date', 'duree_min', 'presence'], unique=False)

    _seed_person_dimensions()
    _copy_consultation_values()


def _seed_person_dimensions():
    connection = op.get_bind()
    existing = set(connection.scalars(sa.text("SELECT code FROM dimension")))
    position = connection.scalar(sa.text("SELECT COALESCE(MAX(position), 0) + 1 FROM dimension"))
    dimension = sa.table("dimension", sa.column("code"), sa.column("label"),
                         sa.column("multiple"), sa.column("position"), sa.column("scope"))
    value = sa.table("dimension_value", sa.column("dimension_code"), sa.column("code"),
                     sa.column("label"), sa.column("active"), sa.column("position"))
    new = [entry for entry in NEW_DIMENSIONS + [DESTINATIONS] if entry[0] not in existing]
    op.bulk_insert(dimension, [{"code": code, "label": label, "multiple": multiple,
                                "position": position + rank,
                                "scope": "event" if code == "destination" else "dossier"}
                               for rank, (code, label, multiple, _values) in enumerate(new)])
    op.bulk_insert(value, [{"dimension_code": code, "code": value_code, "label": value_label,
                            "active": True, "position": rank}
                           for code, _label, _multiple, values in new
                           for rank, (value_code, value_label) in enumerate(values)])
    scoped = PERSON_DIMENSIONS + [entry[0] for entry in NEW_DIMENSIONS]
    op.execute(dimension.update().where(dimension.c.code.in_(scoped)).values(scope="dossier"))


def _copy_consultation_values():
    """Each dossier's values, from the activities that carried them: a value is held from the
    first day an activity carried it, until a later day carried another."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT a.dossier_hash, v.dimension_code, a.date, a.id, v.value_id "
        "FROM activity a JOIN activity_value v ON v.activity_id = a.id "
        "JOIN dimension d ON d.code = v.dimension_code "
        "WHERE a.dossier_hash IS NOT NULL AND d.scope = 'dossier' "
        "ORDER BY a.dossier_hash, v.dimension_code, a.date, a.id")).all()
    if not rows:
        return
    hashes = sorted({row[0] for row in rows})
    dossier = sa.table("dossier", sa.column("hash"), sa.column("created_at"))
    connection.execute(dossier.insert(), [{"hash": value, "created_at": _now()}
                                          for value in hashes])
    ids = dict(connection.execute(sa.text("SELECT hash, id FROM dossier")).all())
    # (hash, dimension) -> {day: {value ids of that day's last activity}}
    days: dict[tuple, dict] = defaultdict(dict)
    last_activity: dict[tuple, int] = {}
    for dossier_hash, code, day, activity_id, value_id in rows:
        key = (dossier_hash, code, day)
        if last_activity.get(key) != activity_id:
            last_activity[key] = activity_id
            days[(dossier_hash, code)][day] = set()
        days[(dossier_hash, code)][day].add(value_id)
    records, now = [], _now()
    for (dossier_hash, code), by_day in days.items():
        held = None
        for day in sorted(by_day):
            if by_day[day] != held:
                held = by_day[day]
                records += [{"dossier_id": ids[dossier_hash], "dimension_code": code,
                             "value_id": value_id, "valid_from": day, "recorded_at": now}
                            for value_id in sorted(held)]
    value = sa.table("dossier_value", sa.column("dossier_id"), sa.column("dimension_code"),
                     sa.column("value_id"), sa.column("valid_from"), sa.column("recorded_at"))
    for start in range(0, len(records), 5000):
        connection.execute(value.insert(), records[start:start + 5000])


def _now():
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).replace(tzinfo=None)


def downgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_type_date')
        batch_op.create_index('ix_activity_type_date', ['type_id', 'date', 'duree_min'], unique=False)
        batch_op.drop_constraint('presence_known', type_='check')
        batch_op.drop_column('presence')
    codes = [entry[0] for entry in NEW_DIMENSIONS] + ["destination"]
    with op.batch_alter_table('dossier_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_event_dossier_id'))
        batch_op.drop_index('ix_dossier_event_day')
    op.drop_table('dossier_event')
    op.drop_table('episode_end')
    with op.batch_alter_table('dossier_value', schema=None) as batch_op:
        batch_op.drop_index('ix_dossier_value_dimension')
        batch_op.drop_index(batch_op.f('ix_dossier_value_batch_id'))
    op.drop_table('dossier_value')
    with op.batch_alter_table('dossier_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_import_sha256'))
    op.drop_table('dossier_import')
    op.drop_table('dossier')
    listed = ", ".join(f"'{code}'" for code in codes)
    op.execute(sa.text(f"DELETE FROM activity_value WHERE dimension_code IN ({listed})"))
    op.execute(sa.text(f"DELETE FROM dimension_value WHERE dimension_code IN ({listed})"))
    op.execute(sa.text(f"DELETE FROM dimension WHERE code IN ({listed})"))
    with op.batch_alter_table('dimension', schema=None) as batch_op:
        batch_op.drop_column('scope')
