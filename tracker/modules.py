"""Every business module, described once: its place in the layers, the files holding its
routes, its commands, its menu entries, its background jobs and its demo step. The
application (blueprints), `tracker` (commands), the menu, the scheduler (job kinds) and the
demo all read this list; a test holds it against the folders and the layers contract.

Adding a module is one entry here (and its line in pyproject's layers contract)."""

from dataclasses import dataclass

from tracker.auth.roles import OFFICE, READERS, WRITERS, Role

EVERYONE = tuple(Role)
MENU_GROUPS = ("Pilotage", "Activités", "Personnel et financements", "Administration")


@dataclass(frozen=True)
class MenuEntry:
    group: str  # one of MENU_GROUPS
    label: str
    endpoint: str
    roles: tuple[Role, ...]
    icon: str  # a symbol of static/icons/sprite.svg
    position: int  # its place in the group


@dataclass(frozen=True)
class JobSpec:
    """A kind of background job: the service that runs it (« module:function »), the page
    that follows it."""

    code: str
    label: str
    page: str
    runner: str
    one_transaction: bool = False  # a shorter import: checked and written at once
    page_params: tuple[str, ...] = ()


@dataclass(frozen=True)
class Module:
    name: str  # its folder under tracker/
    views: tuple[str, ...] = ()  # its files holding routes (its blueprint: tracker.<name>.bp)
    commands: tuple[str, ...] = ()  # in tracker.<name>.cli: commands of `tracker`
    imports: tuple[str, ...] = ()  # in tracker.<name>.cli: commands of `tracker import`
    menu: tuple[MenuEntry, ...] = ()
    jobs: tuple[JobSpec, ...] = ()
    demo: tuple[tuple[int, str], ...] = ()  # (order, « tracker.demo.x:load_x »)


# Top layer first, as pyproject's layers contract lists them (a module imports only those
# below it); modules of one layer are independent of each other.
LAYERS: tuple[tuple[Module, ...], ...] = (
    (Module("home", views=("views",), menu=(
        MenuEntry("Pilotage", "Accueil", "home.index", EVERYONE, "house", 1),)),
     Module("demo", commands=("demo_command",), demo=(
         (1, "tracker.demo.foundation:load_association_and_users"),))),
    (Module("annual_report", views=("views",), commands=("annual_report_command",), menu=(
        MenuEntry("Pilotage", "Rapport annuel", "annual_report.show", READERS, "book-open", 5),),
            jobs=(JobSpec("annual_report", "Production du rapport annuel",
                          "annual_report.show", "tracker.annual_report.archive:run_produce_job",
                          page_params=("annee",)),),
            demo=((18, "tracker.demo.annual_report:load_annual_report"),)),),
    (Module("plans", views=("views",), commands=("plan_group",), menu=(
        MenuEntry("Pilotage", "Plans d'action", "plans.index", READERS, "target", 4),),
            demo=((16, "tracker.demo.plans:load_plans"),)),),
    (Module("questionnaires", views=("views", "funder_form_views"),
            commands=("report_command",),
            demo=((13, "tracker.demo.funder_forms:load_funder_forms"),
                  (17, "tracker.demo.archives:finalise_last_year")), menu=(
        MenuEntry("Pilotage", "Questionnaires", "questionnaires.index", READERS, "file-text",
                  3),), jobs=(
        JobSpec("finalise_questionnaire", "Finalisation d'un questionnaire",
                "questionnaires.show", "tracker.questionnaires.archives:run_finalise_job",
                page_params=("definition_id", "year")),)),),
    (Module("deadlines", views=("views", "life_views"),
            commands=("deadlines_command", "reminders_group"),
            menu=(MenuEntry("Pilotage", "Échéances", "deadlines.agenda", READERS,
                            "calendar-clock", 2),),
            demo=((5, "tracker.demo.deadlines:load_deadline_rules"),)),),
    (Module("aids", views=("views",), commands=("aids_group",), menu=(
        MenuEntry("Personnel et financements", "Aides à l'emploi", "aids.index", READERS,
                  "briefcase", 5),), demo=((10, "tracker.demo.aids:load_aids"),)),
     Module("governance", views=("views", "meeting_views", "obligation_views"),
            commands=("governance_group",), imports=("import_mandates_command",), menu=(
                MenuEntry("Administration", "Gouvernance", "governance.register", READERS,
                          "scale", 5),),
            demo=((15, "tracker.demo.governance:load_governance"),))),
    (Module("finance", views=("views", "expense_views", "justification_views"),
            commands=("costs_command",),
            imports=("import_costs_command", "import_expenses_command"), menu=(
                MenuEntry("Personnel et financements", "Coûts et justification",
                          "finance.costs", READERS, "banknote", 4),), jobs=(
                JobSpec("import_costs", "Import des coûts du personnel", "finance.import_page",
                        "tracker.finance.importer:import_costs", one_transaction=True),
                JobSpec("import_expenses", "Import des frais de fonctionnement",
                        "finance.expense_import", "tracker.finance.expense_import:import_expenses",
                        one_transaction=True)),
            demo=((7, "tracker.demo.costs:load_costs"), (8, "tracker.demo.costs:load_tranches"),
                  (9, "tracker.demo.expenses:load_expenses"))),),
    (Module("permanence", views=("views",), menu=(
        MenuEntry("Activités", "Permanence", "permanence.index", READERS, "clock", 5),),
            demo=((11, "tracker.demo.permanence:load_permanence"),)),
     Module("dossiers", views=("views",), commands=("dossiers_group",),
            imports=("import_dossiers_command",), menu=(
                MenuEntry("Activités", "Dossiers", "dossiers.index", WRITERS, "folder", 4),),
            jobs=(JobSpec("import_dossiers", "Import de dossiers", "dossiers.import_page",
                          "tracker.dossiers.importer:run_import_job", one_transaction=True),),
            demo=((12, "tracker.demo.dossiers:load_dossiers"),))),
    (Module("activities", views=("views",),
            imports=("import_activities_command", "import_undo_command"), menu=(
                MenuEntry("Activités", "Encoder", "activities.new", WRITERS, "pencil-line", 1),
                MenuEntry("Activités", "Mes activités", "activities.mine", (Role.STAFF,),
                          "list", 2),
                MenuEntry("Activités", "Activités", "activities.index", READERS, "list", 3),
                MenuEntry("Activités", "Vocabulaires", "activities.vocabularies", OFFICE,
                          "tags", 4)),
            jobs=(JobSpec("import_activities", "Import d'activités", "activities.import_page",
                          "tracker.activities.importer:run_import_job"),),
            demo=((4, "tracker.demo.activities:load_activities"),)),
     Module("interns_volunteers", views=("views",), menu=(
         MenuEntry("Personnel et financements", "Stagiaires et bénévoles",
                   "interns_volunteers.index", OFFICE, "graduation-cap", 2),),
            demo=((6, "tracker.demo.volunteering:load_volunteering"),))),
    (Module("staffing", views=("views",), commands=("staffing_command",),
            imports=("import_staff_command",), menu=(
                MenuEntry("Personnel et financements", "Personnel", "staffing.matrix", READERS,
                          "users", 1),),
            jobs=(JobSpec("import_staff", "Import du personnel", "staffing.import_page",
                          "tracker.staffing.importer:import_staff", one_transaction=True),),
            demo=((2, "tracker.demo.staffing:load_funding_and_team"),)),),
    (Module("funders", views=("views",), menu=(
        MenuEntry("Personnel et financements", "Financements", "funders.index", READERS,
                  "landmark", 3),),
            demo=((14, "tracker.demo.instrument_documents:load_instrument_documents"),)),
     Module("partnerships", views=("views",), menu=(
         MenuEntry("Personnel et financements", "Partenariats", "partnerships.index", READERS,
                   "handshake", 6),),
            demo=((3, "tracker.demo.partnerships:load_partnerships"),))),
    (Module("catalogue"),),
    (Module("association", views=("views",), menu=(
        MenuEntry("Administration", "Association", "association.show", READERS, "building-2",
                  1),)),),
    (Module("jobs", views=("views",), menu=(
        MenuEntry("Administration", "Mes tâches", "jobs.index", OFFICE, "upload", 2),)),),
    (Module("audit", views=("views",), menu=(
        MenuEntry("Administration", "Journal des modifications", "audit.index",
                  (Role.DIRECTOR,), "history", 4),)),),
    (Module("auth", views=("views",), commands=("user_group",), menu=(
        MenuEntry("Administration", "Utilisateurs", "auth.users", (Role.DIRECTOR,), "user-cog",
                  3),)),),
)
MODULES: tuple[Module, ...] = tuple(module for layer in LAYERS for module in layer)


def layers_contract() -> list[str]:
    """The layers as import-linter's contract writes them (pyproject.toml must match)."""
    return [" | ".join(f"tracker.{module.name}" for module in layer) for layer in LAYERS]
