"""python -m custom_components.zte_modem.zte probe --host URL"""

import sys

from .probe import main

sys.exit(main())
