"""Cameras: links without credentials, the keyring, players, reachability checks, GB/T 28181 IDs.

:mod:`~onemap.cameras.links` parses and classifies a link, splitting its login off;
:mod:`~onemap.cameras.secrets` strips every credential out of any text (:func:`strip_secrets`,
:func:`redact`); :mod:`~onemap.cameras.credentials` keeps logins in the OS keyring;
:mod:`~onemap.cameras.gbid`
decodes GB/T 28181 IDs; :mod:`~onemap.cameras.players` starts VLC/ffplay with an argument
list; :mod:`~onemap.cameras.check` tests whether a camera answers.  The GUI's panel over
them is :mod:`onemap.gui.cameras`.  What the rest of OneMap uses is re-exported here.
"""

from onemap.cameras.credentials import (
    credential_outcome,
    forget_credential,
    keyring_available,
    keyring_name,
    load_credential,
    store_credential,
)
from onemap.cameras.links import (
    DEFAULT_PORTS,
    KEYRING_SERVICE,
    CameraLink,
    Credential,
    LinkRefusal,
    dahua_rtsp,
    display_link,
    hikvision_rtsp,
    hls_url,
    parse_camera_link,
    player_command,
    uniview_rtsp,
)
from onemap.cameras.secrets import has_secret, redact, strip_secrets

__all__ = [
    "DEFAULT_PORTS",
    "KEYRING_SERVICE",
    "CameraLink",
    "Credential",
    "LinkRefusal",
    "credential_outcome",
    "dahua_rtsp",
    "display_link",
    "forget_credential",
    "has_secret",
    "hikvision_rtsp",
    "hls_url",
    "keyring_available",
    "keyring_name",
    "load_credential",
    "parse_camera_link",
    "player_command",
    "redact",
    "store_credential",
    "strip_secrets",
    "uniview_rtsp",
]
