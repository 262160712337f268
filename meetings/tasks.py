"""Background tasks (django-tasks): run by `manage.py db_worker`, or at once with the immediate backend."""

from django_tasks import task


@task()
def print_document(job_id):
    from .services import run_print_job

    run_print_job(job_id)
