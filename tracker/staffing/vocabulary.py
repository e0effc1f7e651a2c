"""Absence kinds (codes in French ASCII, labels in French). Functions are data: job_function."""

ABSENCE_KINDS = {
    "maladie": "Maladie",
    "maternite": "Congé de maternité",
    "parental": "Congé parental",
    "interruption_carriere": "Interruption de carrière / crédit-temps",
    "autre": "Autre",
}
