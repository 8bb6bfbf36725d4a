#include "shapes.h"

#include <numeric>

namespace geo {

double Circle::area() const { return 3.14159265358979 * r_ * r_; }

double Rect::area() const { return w_ * h_; }

std::string Rect::name() const {
  if (w_ == h_) return "square";
  return "rect";
}

std::vector<Shape*> makeShapes(int n) {
  std::vector<Shape*> out;
  for (int i = 0; i < n; i++) {
    if (i % 3 == 0)
      out.push_back(new Circle(i * 0.5));
    else
      out.push_back(new Rect(i, i % 2 ? i : i + 1));
  }
  return out;
}

double totalArea(const std::vector<Shape*>& shapes) {
  return std::accumulate(shapes.begin(), shapes.end(), 0.0,
                         [](double sum, const Shape* s) { return sum + s->scaled(1.0); });
}

}  // namespace geo
