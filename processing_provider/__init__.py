"""The DO-LDO Processing provider (id ``doldo``)."""
