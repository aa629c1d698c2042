"""The annual enterprise evaluation (亩均效益 / 资源利用效率评价) as pure Polars, no Django."""
