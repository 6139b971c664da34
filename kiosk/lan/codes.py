"""What a phone scans to reach the kiosk: the Wi-Fi to join, then the kiosk's address.

The Wi-Fi code is the format phone cameras read (WIFI:T:WPA;S:name;P:password;;).
"""

from ..presenter.qr import qr_svg

# Characters the WIFI: format gives a meaning: each is written after a backslash.
_SPECIAL = '\\;,:"'


def wifi_escape(text):
    return "".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in text)


def wifi_text(name, password=""):
    """The text of a Wi-Fi join code; an open network (no password) has T:nopass."""
    if password:
        return f"WIFI:T:WPA;S:{wifi_escape(name)};P:{wifi_escape(password)};;"
    return f"WIFI:T:nopass;S:{wifi_escape(name)};;"


def address_url(address, port):
    return f"http://{address}:{port}/" if port != 80 else f"http://{address}/"


def hall_codes(hall, wifi_name, wifi_password, titles):
    """[(kind, svg, text shown)]: the Wi-Fi to join first (when set), then each address.

    ``titles`` = (wifi title, address title) in the page's language, for screen readers.
    """
    codes = []
    if wifi_name:
        codes.append(("wifi", qr_svg(wifi_text(wifi_name, wifi_password), titles[0]),
                      wifi_name))
    for url in hall.urls:
        codes.append(("address", qr_svg(url, titles[1]), url))
    return codes
