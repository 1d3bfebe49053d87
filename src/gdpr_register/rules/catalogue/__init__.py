"""The GDPR rule catalogue (ids from the rule catalogue document); importing it registers
every rule in the default registry."""

from gdpr_register.rules.catalogue import (
    _consistency,
    _derogations,
    _information,
    _lawfulness,
    _notice,
    _records,
    _requests,
    _retention,
    _rights,
    _rights_stated,
    _transfers,
    _transparency,
)

__all__: list[str] = []

# The modules register their rules as a side effect of being imported.
_MODULES = (_consistency, _derogations, _information, _lawfulness, _notice, _records, _requests,
            _retention, _rights, _rights_stated, _transfers, _transparency)
