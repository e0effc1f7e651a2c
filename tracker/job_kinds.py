"""Every kind of background job, in one place: which module's service runs it and which page
follows it. The web process needs the pages, the scheduler the services (create_app
registers them in both)."""

from tracker.jobs.kinds import JobKind, in_one_transaction, register_kind


def register_job_kinds() -> None:
    from tracker.activities.importer import run_import_job
    from tracker.finance.expense_import import import_expenses
    from tracker.finance.importer import import_costs
    from tracker.questionnaires.archives import run_finalise_job
    from tracker.staffing.importer import import_staff

    for kind in (
        JobKind("import_activities", "Import d'activités", "activities.import_page",
                run_import_job),
        JobKind("import_staff", "Import du personnel", "staffing.import_page",
                in_one_transaction(import_staff)),
        JobKind("import_costs", "Import des coûts du personnel", "finance.import_page",
                in_one_transaction(import_costs)),
        JobKind("import_expenses", "Import des frais de fonctionnement",
                "finance.expense_import", in_one_transaction(import_expenses)),
        JobKind("finalise_questionnaire", "Finalisation d'un questionnaire",
                "questionnaires.show", run_finalise_job, page_params=("definition_id", "year")),
    ):
        register_kind(kind)
