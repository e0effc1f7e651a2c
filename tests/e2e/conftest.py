"""A live server on 127.0.0.1 (own database, demo data) and Debian's Chromium via Playwright."""

import os
import shutil
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests.databases import TEST_SECRET_KEY, create_demo_database
from tracker import create_app
from tracker.extensions import db
from tracker.scheduler import run_jobs

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these, Chromium keeps dialling Google services this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    url, drop = create_demo_database(tmp_path_factory, folder, "live")
    os.environ["TRACKER_INSTANCE_PATH"] = str(folder / "instance")  # its jobs, its documents
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "EXPORT_DIR": str(folder / "exports"),
        "TRACKER_MAIL_OUTBOX": str(folder / "outbox"),
    })
    with app.app_context():
        upgrade()  # the demo copy is at the latest migration already: nothing to do
    yield app
    with app.app_context():
        db.engine.dispose()
    drop()


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def job_worker(request):
    """What the scheduler process does for the pages' imports (its `jobs` job, each second),
    during each browser test only (the database session is global: the functional tests
    after them replace it with their own)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    app, stop = request.getfixturevalue("live_app"), threading.Event()

    def work() -> None:
        while not stop.wait(0.5):
            run_jobs(app)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    yield
    stop.set()
    worker.join(timeout=120)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI ({CHROMIUM}): `.ci/run` installs it.")
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def wait_for_focus(page, element_id: str) -> None:
    """Keyboard tests type only once the field really has the focus (autofocus is applied
    after the page loads; typing earlier would lose keystrokes, as it would for a person)."""
    page.wait_for_function(f"document.activeElement && document.activeElement.id === "
                           f"'{element_id}'")
