// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QRectF>

#include <algorithm>
#include <limits>
#include <vector>

namespace hfcache {

// Squarified treemap layout (Bruls, Huizing, van Wijk) of `children` in `rect`: one rectangle
// per child, in order, with an area in proportion to sizeOf(child). The children must be sorted
// largest first. Shared by the hub cache's treemap and the HF_HOME caches' one.
template <typename Child, typename SizeOf>
std::vector<QRectF> squarify(const std::vector<Child> &children, QRectF rect, SizeOf sizeOf)
{
    std::vector<QRectF> rects(children.size());
    double total = 0;
    for (const Child &child : children)
        total += double(sizeOf(child));
    if (total <= 0 || rect.isEmpty())
        return rects;
    const double scale = rect.width() * rect.height() / total;
    size_t i = 0;
    while (i < children.size()) {
        const bool columnOnLeft = rect.width() >= rect.height();
        const double side = columnOnLeft ? rect.height() : rect.width();
        const double largest = double(sizeOf(children[i])) * scale;
        double rowArea = 0;
        double worst = std::numeric_limits<double>::infinity();
        size_t end = i;
        while (end < children.size()) {
            const double area = double(sizeOf(children[end])) * scale;
            const double sum = rowArea + area;
            const double ratio = std::max(side * side * largest / (sum * sum), sum * sum / (side * side * area));
            if (end > i && ratio > worst)
                break;
            worst = ratio;
            rowArea = sum;
            ++end;
        }
        const double thickness = rowArea / side;
        double offset = 0;
        for (size_t k = i; k < end; ++k) {
            const double length = double(sizeOf(children[k])) * scale / thickness;
            rects[k] = columnOnLeft ? QRectF(rect.left(), rect.top() + offset, thickness, length)
                                    : QRectF(rect.left() + offset, rect.top(), length, thickness);
            offset += length;
        }
        if (columnOnLeft)
            rect.setLeft(rect.left() + thickness);
        else
            rect.setTop(rect.top() + thickness);
        i = end;
    }
    return rects;
}

} // namespace hfcache
