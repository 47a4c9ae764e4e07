"""`trustboard <command>`: Django's management commands under the product's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustboard.settings")
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        # Commands read as the product spells them: `trustboard check-governance`.
        sys.argv[1] = sys.argv[1].replace("-", "_")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # The local demo is served over plain http on the loopback address.
        os.environ.setdefault("TRUSTBOARD_SECURE_COOKIES", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
