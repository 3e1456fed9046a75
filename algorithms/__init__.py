"""The DO-LDO Processing algorithms (one module each) and their shared base."""


def all_algorithms():
    """One new instance of every algorithm, in toolbox order."""
    from .docurve import DOCurveAlgorithm
    from .evaluate import EvaluateAlgorithm
    from .framework import FrameworkAlgorithm
    from .ldo import LDOAlgorithm
    from .mclmldo import MCLMLDOAlgorithm
    from .mclmlk import MCLMLKAlgorithm
    from .synthetic import SyntheticAlgorithm
    from .evolution import EvolutionAlgorithm
    from .crests import CrestsAlgorithm
    from .industries import IndustriesAlgorithm
    from .colocalization import ColocalizationAlgorithm
    from .industryclusters import IndustryClustersAlgorithm
    from .regions import RegionsAlgorithm
    return [FrameworkAlgorithm(), DOCurveAlgorithm(), LDOAlgorithm(), MCLMLDOAlgorithm(),
            MCLMLKAlgorithm(), SyntheticAlgorithm(), EvaluateAlgorithm(),
            EvolutionAlgorithm(), CrestsAlgorithm(), IndustriesAlgorithm(),
            ColocalizationAlgorithm(), IndustryClustersAlgorithm(), RegionsAlgorithm()]
