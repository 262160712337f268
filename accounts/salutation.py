"""How a message greets a person: by their title and family name, as a letter of the secretariat would, in the
language the message is written in (the caller activates it).

French formal correspondence, as United Nations letters write it, greets by the form of address alone ("Madame,",
"Monsieur,", "Excellence,"): adding the name is familiar in French. English and Spanish greet by title and family
name ("Dear Ms. Pérez,", "Estimada Sra. Pérez:"). Spanish and French agree with the person, so a title that is the
same word for a woman and a man in English (Dr., H.E.) is chosen as one or the other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class Title(models.TextChoices):
    NONE = "", _("(none)")
    MS = "ms", _("Ms.")
    MR = "mr", _("Mr.")
    DR_WOMAN = "dr_woman", _("Dr. (woman)")
    DR_MAN = "dr_man", _("Dr. (man)")
    HE_WOMAN = "he_woman", _("H.E. Ms.")
    HE_MAN = "he_man", _("H.E. Mr.")


def _greetings():
    # Built at call time: pgettext reads the active language. The name is a {name} field, not a %(name)s one:
    # French leaves it out, which gettext's check of Python formats refuses; the xgettext comments keep makemessages
    # from marking such a translation fuzzy.
    return {
        # xgettext:no-python-brace-format
        Title.MS: pgettext("greeting of a woman", "Dear Ms. {name},"),
        # xgettext:no-python-brace-format
        Title.MR: pgettext("greeting of a man", "Dear Mr. {name},"),
        # xgettext:no-python-brace-format
        Title.DR_WOMAN: pgettext("greeting of a woman doctor", "Dear Dr. {name},"),
        # xgettext:no-python-brace-format
        Title.DR_MAN: pgettext("greeting of a man doctor", "Dear Dr. {name},"),
        Title.HE_WOMAN: pgettext("greeting of a woman ambassador or minister", "Excellency,"),
        Title.HE_MAN: pgettext("greeting of a man ambassador or minister", "Excellency,"),
    }


def greeting(user):
    """The first line of a message to `user`: "Dear Ms. Pérez," ("Madame," in French, "Estimada Sra. Pérez:" in
    Spanish); "Dear Ana Pérez," without a title; "Dear colleague," without a name. Never the user name."""
    family_name = user.last_name.strip()
    if user.title and (family_name or user.title in (Title.HE_WOMAN, Title.HE_MAN)):
        return _greetings()[user.title].format(name=family_name)
    full_name = user.get_full_name().strip()
    if full_name:
        # xgettext:no-python-brace-format
        return pgettext("greeting without a title", "Dear {name},").format(name=full_name)
    return pgettext("greeting without a name", "Dear colleague,")
