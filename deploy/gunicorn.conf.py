"""gunicorn for Career Planner: `gunicorn --config deploy/gunicorn.conf.py careerplanner.wsgi`.

Every value can be set from the environment, as the Django settings are. The app's own
request log goes to stdout (careerplanner.middleware.request_log), so gunicorn's access
log stays off; its error log (starts, stops, worker crashes) goes to stderr.
"""

import multiprocessing
import os

bind = os.getenv("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.getenv("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.getenv("GUNICORN_THREADS", "1"))
timeout = int(os.getenv("GUNICORN_TIMEOUT", "30"))
# Keep idle connections from nginx open longer than nginx keeps them (its upstream
# keepalive_timeout, 60 s): otherwise gunicorn may close one just as nginx sends a POST on
# it, and nginx, which never resends a POST, answers 502. (Threaded workers only.)
keepalive = 75
graceful_timeout = 20
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
# gunicorn 27's control socket has one default path per user, which two app servers on one
# machine would share; nothing here uses it.
control_socket_disable = True
