"""Deadlines: what must be filed, renewed, evaluated or decided, by when, and the rules that
generate them. (Pages, reminders and the dashboard come with the rest of issue 5.)"""
