from roma_monitor.contracts.base import Column, Contract
from roma_monitor.contracts.registry import CONTRACTS, get_contract

__all__ = ["CONTRACTS", "Column", "Contract", "get_contract"]
