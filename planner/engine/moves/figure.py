"""One drawing description -> simple shapes that both renderers draw (the PDF and the SVG).

A move's picture is data (library.json): props (chair, wall, counter, band, ...) and two poses,
start and end. A pose is a side-view stick figure facing right: the hip's position and the
direction of each body segment in degrees (0 = straight up, 90 = forward/right, 180 = straight
down). Angles are easier to write and to check than coordinates, and every figure then has the
same proportions. The frame is 100 x 100 units with y pointing up; the floor is at y = FLOOR.

`shapes(figure, "start")` returns Line and Circle tuples; the renderers only scale and stroke
them (planner/handout/moves.py for reportlab, moves/svg.py for the web), so the two pictures
cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FRAME = 100.0
FLOOR = 6.0
TRUNK, NECK, HEAD_R = 28.0, 4.0, 6.0
UPPER_ARM, FOREARM = 15.0, 14.0
THIGH, SHIN, FOOT = 19.0, 19.0, 6.0
SEAT_Y = 24.0
COUNTER_Y = 50.0
SHOULDER_HALF, HIP_HALF = 8.0, 5.0

# Stroke roles: the renderers map each to a width, colour and dash (grey-scale safe).
BODY, FAR, PROP, BAND = "body", "far", "prop", "band"


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    role: str
    closed: bool = False


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    role: str


def _step(point, angle, length):
    rad = math.radians(angle)
    return (round(point[0] + math.sin(rad) * length, 2),
            round(point[1] + math.cos(rad) * length, 2))


def _reach(root, target, first, second, bend):
    """Two-segment reach from `root` to `target` (an elbow or a knee between them).

    `bend` says which way the middle joint points: "down", "up", "forward" (+x) or "back".
    A target out of reach gives a straight limb pointing at it."""
    dx, dy = target[0] - root[0], target[1] - root[1]
    d = math.hypot(dx, dy) or 1e-9
    ux, uy = dx / d, dy / d
    if d >= first + second:
        mid = (root[0] + ux * first, root[1] + uy * first)
        end = (root[0] + ux * (first + second), root[1] + uy * (first + second))
        return _round(mid), _round(end)
    d = max(d, abs(first - second) + 1e-6)
    a = (first ** 2 - second ** 2 + d ** 2) / (2 * d)
    h = math.sqrt(max(first ** 2 - a ** 2, 0.0))
    px, py = root[0] + ux * a, root[1] + uy * a
    options = [(px - uy * h, py + ux * h), (px + uy * h, py - ux * h)]
    score = {"down": lambda p: -p[1], "up": lambda p: p[1], "forward": lambda p: p[0],
             "back": lambda p: -p[0]}[bend]
    return _round(max(options, key=score)), _round(target)


def _round(point):
    return (round(point[0], 2), round(point[1], 2))


def _limb(out, root, spec_angles, spec_target, names, lengths, bend):
    first, second = lengths
    if spec_target is not None:
        mid, end = _reach(root, spec_target, first, second, bend)
    else:
        mid = _step(root, spec_angles[0], first)
        end = _step(mid, spec_angles[1], second)
    out[names[0]], out[names[1]] = mid, end
    return spec_angles


def joints(pose: dict) -> dict[str, tuple[float, float]]:
    """Every joint of a pose, from the hip, the segment angles and any hand or ankle targets.

    Side view (the default): one near arm and leg, and optional far ones ("arm2", "leg2") drawn
    in grey. Front view ("view": "front"): both arms and legs, from shoulders and hips set apart.
    """
    hip = (float(pose["hip"][0]), float(pose["hip"][1]))
    trunk = pose.get("trunk", 0)
    neck = _step(hip, trunk, TRUNK)
    out = {"hip": hip, "neck": neck}
    out["head"] = _step(neck, pose.get("head", trunk), NECK + HEAD_R)
    front = pose.get("view") == "front"
    bends = pose.get("bend", {})
    for suffix in ("", "2"):
        shoulder, pelvis = neck, hip
        if front:  # suffix "" is the figure's right side (the viewer's left)
            side = -1 if suffix == "" else 1
            shoulder = (neck[0] + side * SHOULDER_HALF, neck[1] - 2)
            pelvis = (hip[0] + side * HIP_HALF, hip[1])
            out["shoulder" + suffix], out["pelvis" + suffix] = shoulder, pelvis
        arm, hand = pose.get("arm" + suffix), pose.get("hand" + suffix)
        if arm or hand:
            _limb(out, shoulder, arm, hand, ("elbow" + suffix, "hand" + suffix),
                  (UPPER_ARM, FOREARM), bends.get("arm" + suffix, "down"))
        leg, ankle = pose.get("leg" + suffix), pose.get("ankle" + suffix)
        if leg or ankle:
            _limb(out, pelvis, leg, ankle, ("knee" + suffix, "ankle" + suffix),
                  (THIGH, SHIN), bends.get("leg" + suffix, "forward"))
            if front:
                foot = -90 if suffix == "" else 90
            else:
                foot = pose.get("foot" + suffix, leg[2] if leg and len(leg) > 2 else 90)
            out["toe" + suffix] = _step(out["ankle" + suffix], foot,
                                        FOOT * (0.6 if front else 1))
    return out


def _figure_shapes(pose: dict) -> list:
    j = joints(pose)
    if pose.get("view") == "front":
        out = [Line((j["shoulder"], j["shoulder2"]), BODY), Line((j["pelvis"], j["pelvis2"]), BODY),
               Line((j["hip"], j["neck"]), BODY),
               Circle(j["head"][0], j["head"][1], HEAD_R, BODY)]
        for s in ("", "2"):
            if "knee" + s in j:
                out.append(Line((j["pelvis" + s], j["knee" + s], j["ankle" + s], j["toe" + s]),
                                BODY))
            if "elbow" + s in j:
                out.append(Line((j["shoulder" + s], j["elbow" + s], j["hand" + s]), BODY))
        return out
    far, near = [], []
    if "knee2" in j:
        far.append(Line((j["hip"], j["knee2"], j["ankle2"], j["toe2"]), FAR))
    if "elbow2" in j:
        far.append(Line((j["neck"], j["elbow2"], j["hand2"]), FAR))
    near.append(Line((j["hip"], j["neck"]), BODY))
    near.append(Circle(j["head"][0], j["head"][1], HEAD_R, BODY))
    if "knee" in j:
        near.append(Line((j["hip"], j["knee"], j["ankle"], j["toe"]), BODY))
    if "elbow" in j:
        near.append(Line((j["neck"], j["elbow"], j["hand"]), BODY))
    return far + near


def _prop_shapes(prop: dict, j: dict) -> list:
    kind = prop["type"]
    x = float(prop.get("x", 0))
    if kind == "chair":  # side view, back on the left, seat SEAT_Y high, 18 deep
        w = float(prop.get("w", 18))
        return [Line(((x, FLOOR), (x, SEAT_Y + 26)), PROP),
                Line(((x, SEAT_Y), (x + w, SEAT_Y)), PROP),
                Line(((x + w, SEAT_Y), (x + w, FLOOR)), PROP)]
    if kind == "wall":
        return [Line(((x, FLOOR), (x, 96)), PROP)] + [
            Line(((x, y), (x + 4, y + 4)), PROP) for y in range(12, 92, 12)]
    if kind == "counter":  # worktop from x to the right edge, front panel down to the floor
        y = float(prop.get("y", COUNTER_Y))
        return [Line(((x, y), (FRAME, y), (FRAME, y - 4), (x, y - 4)), PROP, closed=True),
                Line(((x + 2, y - 4), (x + 2, FLOOR)), PROP)]
    if kind == "step":
        w, h = float(prop.get("w", 22)), float(prop.get("h", 8))
        return [Line(((x, FLOOR), (x, FLOOR + h), (x + w, FLOOR + h), (x + w, FLOOR)), PROP)]
    if kind == "rail":  # a post with a handle to hold
        return [Line(((x, FLOOR), (x, 56.0)), PROP), Line(((x - 6, 56.0), (x + 4, 56.0)), PROP)]
    if kind == "mat":
        w = float(prop.get("w", 60))
        return [Line(((x, FLOOR), (x, FLOOR + 1.5), (x + w, FLOOR + 1.5), (x + w, FLOOR)), PROP)]
    if kind == "band":  # from the hand to a fixed point (a door handle, the other hand, a foot)
        hand = j[prop.get("from", "hand")]
        to = prop["to"]
        end = j[to] if isinstance(to, str) else (float(to[0]), float(to[1]))
        return [Line((hand, end), BAND)]
    if kind in ("bag", "bottle"):  # something held: a small box hanging from / in the hand
        hx, hy = j[prop.get("at", "hand")]
        w, h = (7, 9) if kind == "bag" else (3, 7)
        top = hy if kind == "bag" else hy + h / 2
        return [Line(((hx - w / 2, top), (hx + w / 2, top), (hx + w / 2, top - h),
                      (hx - w / 2, top - h)), PROP, closed=True)]
    raise ValueError(f"unknown prop {kind!r}")


def shapes(figure: dict, which: str) -> list:
    """The shapes of one panel ("start" or "end"): floor, props, then the figure on top."""
    pose = figure[which]
    j = joints(pose)
    out: list = [Line(((0.0, FLOOR), (FRAME, FLOOR)), PROP)]
    for prop in figure.get("props", ()):
        out += _prop_shapes(prop, j)
    for prop in pose.get("props", ()):
        out += _prop_shapes(prop, j)
    return out + _figure_shapes(pose)
