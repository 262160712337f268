"""Mail backends for tests: a server refusing chosen addresses, one that dies part-way, a second sender at once."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

FAILING_ADDRESSES = set()


class FlakyBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = FAILING_ADDRESSES.intersection(message.to)
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"refused")))
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """The sending process stops dead (SIGKILL, a server's timeout): nothing after it runs, no handler sees it."""


class DyingBackend(EmailBackend):
    """The server accepts `accepted` messages in all; at the next one the sending process is killed."""

    accepted = None

    def send_messages(self, messages):
        if DyingBackend.accepted is not None and len(mail.outbox) >= DyingBackend.accepted:
            raise WorkerKilled
        return super().send_messages(messages)


class SecondSenderBackend(EmailBackend):
    """While the first message goes out, another sender (another machine's cron) runs to its end."""

    second_sender = None

    def send_messages(self, messages):
        second_sender, SecondSenderBackend.second_sender = SecondSenderBackend.second_sender, None
        if second_sender is not None:
            second_sender()
        return super().send_messages(messages)
