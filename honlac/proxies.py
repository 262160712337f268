"""The client's address behind proxies: how many to trust, as django-ipware (through django-axes) wants it.

With DJANGO_PROXY_HOPS = 0 the address is REMOTE_ADDR, and X-Forwarded-For is never read (a client could write
anything there). Behind N proxies that each append the address they were reached from to X-Forwarded-For, the
client's address is the entry the outermost proxy wrote, the N-th from the right; entries a client forged stand
to its left and are never read. django-ipware counts the proxies listed in the header (the last proxy, whose
address is REMOTE_ADDR, is not): N - 1. Used by the throttling of sign-ins and the audit trail alike.
"""


def ipware_settings(hops):
    if hops <= 0:
        return {"AXES_IPWARE_PROXY_COUNT": None, "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"]}
    return {
        "AXES_IPWARE_PROXY_COUNT": hops - 1,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
    }
