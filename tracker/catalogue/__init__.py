"""Catalogues shared by several modules, below all of them: the job functions (a funder's cadre
and a person's allocation both name one)."""
