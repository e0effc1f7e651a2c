"""Gunicorn's settings for Suivi ASBL. Gunicorn reads this file by itself from the folder it
starts in (the repository: `make run`, the systemd unit, the container image).

Threaded workers (gthread): a slow request (a questionnaire computed afresh, an export) holds
one thread, not a whole worker, so the 5–40 ms pages of the others keep being served. The
numbers come from bench/load.py on 2 cores (bench/RESULTS.md, « Load »): 2 workers of 8
threads. Each setting can be changed from the environment without editing this file."""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
