// A class hierarchy with virtual calls and inline members (the inline ones are compiled into
// every unit that uses them: their lines point here, from several units).
#pragma once
#include <string>
#include <vector>

namespace geo {

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
  double scaled(double k) const { return area() * k * k; }
};

class Circle : public Shape {
public:
  explicit Circle(double r) : r_(r) {}
  double area() const override;
  std::string name() const override { return "circle"; }

private:
  double r_;
};

class Rect : public Shape {
public:
  Rect(double w, double h) : w_(w), h_(h) {}
  double area() const override;
  std::string name() const override;

private:
  double w_, h_;
};

std::vector<Shape*> makeShapes(int n);
double totalArea(const std::vector<Shape*>& shapes);

}  // namespace geo
