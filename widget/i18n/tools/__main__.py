import sys

from widget.i18n.tools.cli import main

sys.exit(main())
