"""A mail backend for tests whose delivery fails for chosen addresses, like a mail server refusing them."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

FAILING_ADDRESSES = set()


class FlakyBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = FAILING_ADDRESSES.intersection(message.to)
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"refused")))
        return super().send_messages(messages)
