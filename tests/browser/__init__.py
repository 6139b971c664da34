"""Browser tests: kiosk mode in a real Chromium."""
