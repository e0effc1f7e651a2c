"""What a questionnaire's tables say: one precision for shares, « Durée moyenne (min) », and
a total that names what it counts when the column does not add up to it."""

from tracker.activities.importer import import_activities
from tracker.questionnaires.definition import parse_definition
from tracker.questionnaires.outputs.tables import item_table
from tracker.questionnaires.report import build_report

DEFINITION = """
id: copie
funder: COCOF
title: Copie
sections:
  - title: Appels
    items:
      - {id: regions, label: Régions, metric: count, where: {type: appel}, by: region}
      - {id: duree, label: Durée, metric: "avg:duree_min", where: {type: appel}, by: year}
      - {id: produits, label: Produits, metric: count, where: {type: appel}, by: produits}
"""


def tables(app):
    wallonia = "".join(f"0{day}/03/2024;appel;wallonie;cannabis|alcool;10\n" for day in (1, 2, 3))
    content = ("date;type;region;produits;duree_min\n" + wallonia
               + "04/03/2024;appel;bruxelles;alcool;20\n")
    import_activities(content.encode(), "appels.csv")
    report = build_report(parse_definition(DEFINITION, "copie.yaml"), 2024)
    items = [item for section in report.sections for item in section.items]
    return {item.item.id: item_table(item, report.dimension_labels) for item in items}


def test_shares_keep_one_decimal_and_totals_name_what_they_count(app, db):
    from tracker.documents.tables import cell_text

    by_id = tables(app)
    regions = by_id["regions"]
    shares = [cell_text(row[2]) for row in regions.rows if row[1]]
    assert sorted(shares) == ["25,0\u00a0%", "75,0\u00a0%"]  # never « 75 % » beside « 33,3 % »
    assert regions.totals[0] == "Total"  # the rows add up to it
    assert by_id["duree"].headers[1] == "Durée moyenne (min)"
    products = by_id["produits"]
    assert products.totals[:2] == ["Total des appels", 4]  # 7 mentions, 4 calls
