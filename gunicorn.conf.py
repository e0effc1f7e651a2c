"""Gunicorn's settings for Suivi ASBL. Gunicorn reads this file by itself from the folder it
starts in (the repository: `make run`, the systemd unit, the container image).

Chosen by measurement (bench/load.py, bench/RESULTS.md « Load »): 20 people at once on
1,000,000 activities, 2 cores. Three synchronous workers served the most requests with the
shortest p95 on SQLite (110 req/s, p95 459–483 ms, against 93–104 req/s and p95 703–842 ms
for 2–4 threaded workers of 2–8 threads) and as many as any other setting on PostgreSQL
(72–73 req/s): the pages are CPU-bound Python, so threads of one process only share its
core. A slow request holds one worker, not the others: the slow ones are rare since the
figures are kept (tracker/figure_cache.py). Each setting can be changed from the
environment without editing this file (WEB_WORKERS=2 WEB_WORKER_CLASS=gthread WEB_THREADS=4
…)."""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("WEB_WORKER_CLASS", "sync")
workers = int(os.environ.get("WEB_WORKERS", "3"))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
