"""The task results of the scheduled and deferred work (topggz.jobs) in the admin, for the bureau only.

django-tasks-db registers an English admin for its results; this one replaces it with the same
read-only pages in Dutch. Nobody adds, changes or deletes results here (``run_jobs`` prunes them
after JOBS_RESULT_RETENTION_DAYS); a failed task shows its exception and traceback.
"""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .admin_site import ObjectIdAdmin, is_bureau, ReadOnlyAdmin

STATUS_NAMES = {
    TaskResultStatus.READY: _("wacht"),
    TaskResultStatus.RUNNING: _("bezig"),
    TaskResultStatus.FAILED: _("mislukt"),
    TaskResultStatus.SUCCESSFUL: _("geslaagd"),
}


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(STATUS_NAMES.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


def as_json(value) -> str:
    return format_html("<pre>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(ReadOnlyAdmin, ObjectIdAdmin, admin.ModelAdmin):
    list_display = ("task", "state", "enqueued", "started", "finished")
    list_filter = (StatusFilter,)
    search_fields = ("task_path",)
    ordering = ("-enqueued_at",)
    show_full_result_count = False
    change_form_template = "admin/topggz/task_result.html"
    fields = readonly_fields = (
        "task",
        "state",
        "queue",
        "enqueued",
        "not_before",
        "started",
        "finished",
        "arguments",
        "outcome",
        "workers",
        "error",
        "error_traceback",
    )

    def has_module_permission(self, request):
        return is_bureau(request.user)

    def has_view_permission(self, request, obj=None):
        return is_bureau(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The model's own name for a result is "DBTaskResult object (id)": name it after its task instead.
        obj = self.get_object(request, object_id)
        subtitle = {"subtitle": f"{obj.task_path} ({obj.pk})"} if obj is not None else {}
        return super().change_view(request, object_id, form_url, {**subtitle, **(extra_context or {})})

    @admin.display(description=_("taak"), ordering="task_path")
    def task(self, obj):
        return obj.task_path

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        return STATUS_NAMES.get(obj.status, obj.status)

    @admin.display(description=_("wachtrij"))
    def queue(self, obj):
        return obj.queue_name

    @admin.display(description=_("in de wachtrij gezet"), ordering="enqueued_at")
    def enqueued(self, obj):
        return obj.enqueued_at

    @admin.display(description=_("niet vóór"))
    def not_before(self, obj):
        return None if obj.run_after == get_date_max() else obj.run_after

    @admin.display(description=_("gestart"), ordering="started_at")
    def started(self, obj):
        return obj.started_at

    @admin.display(description=_("klaar"), ordering="finished_at")
    def finished(self, obj):
        return obj.finished_at

    @admin.display(description=_("argumenten"))
    def arguments(self, obj):
        return as_json(obj.args_kwargs)

    @admin.display(description=_("uitkomst"))
    def outcome(self, obj):
        return as_json(obj.return_value) if obj.status == TaskResultStatus.SUCCESSFUL else None

    @admin.display(description=_("uitgevoerd door (worker)"))
    def workers(self, obj):
        return ", ".join(obj.worker_ids) or None

    @admin.display(description=_("fout"))
    def error(self, obj):
        return obj.exception_class_path or None

    @admin.display(description=_("verloop van de fout"))
    def error_traceback(self, obj):
        return format_html("<pre>{}</pre>", obj.traceback) if obj.traceback else None
