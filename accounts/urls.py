from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc, passkeys_views, signin, unlock_views, views
from .forms import QueuedPasswordResetForm

urlpatterns = [
    # Before django.contrib.auth's urls, whose "login" it replaces.
    path("login/", signin.SignInView.as_view(), name="login"),
    path("oidc/sign-in/", oidc.OIDCSignInView.as_view(), name="oidc_sign_in"),
    path("oidc/callback/", oidc.OIDCCallbackView.as_view(), name="oidc_callback"),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("confirm/", views.ConfirmIdentityView.as_view(), name="reauth_confirm"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("security/", views.SecurityView.as_view(), name="account_security"),
    path("two-factor/setup/", views.SetupView.as_view(), name="two_factor_setup"),
    path("two-factor/verify/", views.VerifyView.as_view(), name="two_factor_verify"),
    path("two-factor/recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("passkeys/add/", passkeys_views.PasskeyAddView.as_view(), name="passkey_add"),
    path("passkeys/<int:pk>/rename/", passkeys_views.PasskeyRenameView.as_view(), name="passkey_rename"),
    path("passkeys/<int:pk>/remove/", passkeys_views.PasskeyRemoveView.as_view(), name="passkey_remove"),
    path(
        "passkeys/register/begin/",
        passkeys_views.PasskeyRegisterBeginView.as_view(),
        name="passkey_register_begin",
    ),
    path(
        "passkeys/register/complete/",
        passkeys_views.PasskeyRegisterCompleteView.as_view(),
        name="passkey_register_complete",
    ),
    path("passkeys/verify/begin/", passkeys_views.PasskeyVerifyBeginView.as_view(), name="passkey_verify_begin"),
    path(
        "passkeys/verify/complete/",
        passkeys_views.PasskeyVerifyCompleteView.as_view(),
        name="passkey_verify_complete",
    ),
    path("invite/", views.InviteFocalPointView.as_view(), name="invite_focal_point"),
    path("unlock/", unlock_views.UnlockRequestView.as_view(), name="unlock_request"),
    path("unlock/<str:token>/", unlock_views.UnlockView.as_view(), name="unlock_account"),
]
