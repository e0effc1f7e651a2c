"""ASBL tracker: who is paid by which subsidy, what is due to which funder, and their forms."""

import os
from importlib import import_module
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker.config import PROJECT_ROOT, load_config
from tracker.db import configure_sqlite
from tracker.extensions import csrf, db, login_manager, migrate
from tracker.formatting import JINJA_FILTERS
from tracker.params import CONVERTERS, refuse_unreadable_address


def create_app(config: dict | None = None) -> Flask:
    # What the application writes (the database, its backups, receipts, uploads, exports) is
    # health and personal data: readable by its own user only (0600 files, 0700 folders).
    os.umask(0o077)
    instance_path = Path(os.environ.get("TRACKER_INSTANCE_PATH") or PROJECT_ROOT / "instance")
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(load_config(instance_path))
    if config:
        app.config.update(config)
    if app.config["TRACKER_BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    _init_extensions(app)
    app.url_map.converters.update(CONVERTERS)  # before any route is added
    _register_blueprints(app)
    _init_templates(app)

    from tracker.job_kinds import register_job_kinds

    register_job_kinds()

    from tracker.errors import register_error_handlers

    register_error_handlers(app)
    return app


def _init_extensions(app: Flask) -> None:
    from tracker import models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
    from tracker.audit.services import install_audit_listener
    from tracker.auth.guards import install_guards
    from tracker.deadlines.legal_events import install_legal_listener
    from tracker.deadlines.staffing_events import install_staffing_listener
    from tracker.documents.storage import remove_uncommitted_documents
    from tracker.figure_versions import install_figure_listener
    from tracker.security import install_security

    db.init_app(app)
    # registered after the database's: runs before its session is removed at the context's end
    app.teardown_appcontext(remove_uncommitted_documents)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    install_guards(app)  # before CSRF: a board POST is refused (403) whatever its token
    csrf.init_app(app)
    app.before_request(refuse_unreadable_address)  # after the guards and CSRF
    install_security(app)
    install_audit_listener()
    install_figure_listener()
    install_staffing_listener()
    install_legal_listener()


def _register_blueprints(app: Flask) -> None:
    """Each module's blueprint (tracker.modules), once the files holding its routes are
    imported (importing them attaches the routes)."""
    from tracker.modules import MODULES

    for module in MODULES:
        for views in module.views:
            import_module(f"tracker.{module.name}.{views}")
        if module.views:
            app.register_blueprint(import_module(f"tracker.{module.name}").bp)


def _init_templates(app: Flask) -> None:
    from tracker.audit.services import audit_changed_keys, audit_field_label, audit_value_label
    from tracker.auth.roles import Role
    from tracker.documents.formats import FORMATS
    from tracker.documents.tables import cell_text, numeric_columns
    from tracker.funders.services import funder_label
    from tracker.navigation import navigation_for

    app.jinja_env.filters.update(JINJA_FILTERS, cell=cell_text, funder=funder_label)
    app.jinja_env.globals.update(Role=Role, navigation_for=navigation_for, file_formats=FORMATS,
                                 numeric_columns=numeric_columns,
                                 audit_field_label=audit_field_label,
                                 audit_value_label=audit_value_label,
                                 audit_changed_keys=audit_changed_keys)
