import sys

from gdpr_register.cli import main

sys.exit(main())
