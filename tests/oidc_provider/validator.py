from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims of each account as the fixture describes it: email, and email_verified and amr when given."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid"}

    def get_additional_claims(self, request):
        account = settings.ACCOUNTS[request.user.username]
        claims = {"email": account["email"], "name": request.user.username}
        for claim in ("email_verified", "amr"):
            if claim in account:
                claims[claim] = account[claim]
        return claims
