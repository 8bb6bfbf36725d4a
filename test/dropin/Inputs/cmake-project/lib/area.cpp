#include "shapes.h"

#include <stdexcept>

namespace shapes {

double area(const std::string& shape, double size) {
  if (shape == "square") return size * size;
  if (shape == "circle") return 3.0 * size * size;
  throw std::invalid_argument("unknown shape: " + shape);
}

}  // namespace shapes
