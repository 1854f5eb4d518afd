"""Reminders before the deadline and when overdue, in the app and by e-mail, exactly once."""

import datetime

import pytest
from django.core import mail

from thidua.notifications.models import Notification
from thidua.tasks.models import TaskReminder
from thidua.tasks.reminders import send_reminders
from thidua.tasks.tasks import send_task_reminders

D = datetime.date


@pytest.mark.django_db
def test_a_notice_before_the_deadline_and_one_when_overdue_each_sent_once(new_task, user):
    head = user("truongmotcua")
    head.email = "tuan@molao.example"
    head.save()
    task = new_task(number="9.7", deadline=D(2023, 7, 14))  # a Friday
    TaskReminder.objects.all().delete()
    mail.outbox.clear()

    send_reminders(today=D(2023, 7, 3))  # 9 working days left: nothing yet
    assert not TaskReminder.objects.filter(task=task).exists()

    first = send_reminders(today=D(2023, 7, 11))  # 3 working days left
    assert TaskReminder.objects.filter(task=task, recipient=head, kind="due_soon").count() == 1
    assert first.emailed >= 1
    assert [m.to for m in mail.outbox] == [["tuan@molao.example"]]
    assert "sắp đến hạn" in mail.outbox[0].subject

    send_reminders(today=D(2023, 7, 12))
    send_reminders(today=D(2023, 7, 13))
    assert TaskReminder.objects.filter(task=task, recipient=head).count() == 1
    assert len(mail.outbox) == 1

    send_reminders(today=D(2023, 7, 18))
    send_reminders(today=D(2023, 7, 19))
    overdue = TaskReminder.objects.filter(task=task, kind="overdue")
    assert set(overdue.values_list("recipient__username", flat=True)) >= {
        "truongmotcua",
        "vanphong",
        "canbo",
    }
    assert overdue.filter(recipient=head).count() == 1
    assert len(mail.outbox) == 2 and "quá hạn" in mail.outbox[1].subject
    titles = Notification.objects.filter(recipient=head, title__contains="9.7").values_list(
        "title", flat=True
    )
    assert len(titles) == 2


@pytest.mark.django_db
def test_a_failed_email_is_retried_on_the_next_run_not_lost(new_task, user, settings):
    head = user("truongmotcua")
    head.email = "tuan@molao.example"
    head.save()
    task = new_task(number="9.8", deadline=D(2023, 7, 14))
    TaskReminder.objects.all().delete()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    send_reminders(today=D(2023, 7, 11))
    reminder = TaskReminder.objects.get(task=task, recipient=head)
    assert reminder.emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    send_reminders(today=D(2023, 7, 11))
    reminder.refresh_from_db()
    assert reminder.emailed_at is not None and len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_periodic_job_runs_and_the_bell_counts_unread_notices(client_as, new_task):
    result = send_task_reminders.call_local()
    assert set(result) == {"created", "emailed"}
    page = client_as("truongmotcua").get("/notifications/")
    assert page.status_code == 200
    assert (
        page.context["unread_notifications"]
        == Notification.objects.filter(
            recipient__username="truongmotcua", read_at__isnull=True
        ).count()
    )


@pytest.mark.django_db
def test_opening_a_notice_marks_it_read_and_nobody_else_can(client_as, user, demo):
    notice = Notification.objects.filter(recipient__username="truongmotcua").first()
    assert notice is not None  # the demo's returned reports and reminders
    assert client_as("vanquan").post(f"/notifications/{notice.pk}/open/").status_code == 404
    assert client_as("canbo").post(f"/notifications/{notice.pk}/open/").status_code == 404
    response = client_as("truongmotcua").post(f"/notifications/{notice.pk}/open/")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
