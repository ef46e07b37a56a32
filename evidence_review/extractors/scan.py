"""Clean a scanned page image before OCR (OpenCV): the office-copier defects Tesseract reads as
text or loses letters to.

Steps, each a small function of a grey ``numpy`` image (0 = black, 255 = white):

1. :func:`flatten` -- divide by the paper's own brightness (a large grey closing): uneven
   shading and the dark edge a lid leaves become white paper, ink stays dark;
2. :func:`binarise` -- Otsu on the flattened page (one threshold suffices once the paper is
   flat, and it keeps the thin strokes of Thai marks better than a local threshold);
3. :func:`despeckle` -- ink components too small to be a letter, a mark or a dot of text that
   lie far from any text, and blots standing alone, become paper;
4. :func:`drop_border` -- large ink regions touching the image edge (scanner lid, punched
   holes at the edge) become paper;
5. :func:`deskew` -- the angle whose horizontal projection of the ink is sharpest (text lines
   are straight across), searched within +-3 degrees, is rotated away.

OCRmyPDF's ``--clean --deskew`` (unpaper) does the same family of steps; OpenCV keeps it in
process with no extra Debian package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Search range and step of the deskew angle, degrees.
_MAX_SKEW = 3.0
_SKEW_STEP = 0.05


def _np() -> Any:
    import numpy as np

    return np


def flatten(img: Any) -> Any:
    """The page divided by its paper brightness (ink that is darker than the paper around it
    stays dark; shading, grey paper and the lid's dark edge go white)."""
    import cv2

    np = _np()
    size = max(15, (min(img.shape) // 40) | 1)
    paper = cv2.morphologyEx(img, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_RECT, (size, size)))
    paper = cv2.GaussianBlur(paper, (0, 0), size / 3)
    out = img.astype(np.float32) / np.maximum(paper.astype(np.float32), 1.0) * 255.0
    return np.clip(out, 0, 255).astype(np.uint8)


def binarise(img: Any) -> Any:
    """Ink (True) where the flattened page is darker than Otsu's threshold."""
    import cv2

    _, out = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return out > 0


def _components(ink: Any) -> tuple[int, Any, Any]:
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype("uint8"), connectivity=8)
    return n, labels, stats


def text_height(ink: Any) -> float:
    """The typical height of a letter in pixels (median height of mid-sized components)."""
    import cv2

    np = _np()
    _, _, stats = _components(ink)
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    mid = h[(h >= 8) & (h <= 200) & (w <= 4 * h)]
    return float(np.median(mid)) if mid.size else 20.0


def despeckle(ink: Any, height: float) -> Any:
    """Ink without specks and blots: solid round dots (toner dust) unless they sit on a text
    line's baseline right after a letter (a full stop), solid round blots up to a letter's
    height, and any small component with no letter within one letter height. Tone marks and
    rings (nikhahit) are not solid discs and stay."""
    import cv2

    np = _np()
    n, labels, stats = _components(ink)
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    side = np.maximum(w, h)
    solid_round = (area >= 0.7 * w * h) & (np.minimum(w, h) >= 0.6 * side)
    small = side < 0.3 * height
    blot = solid_round & (side >= 0.3 * height) & (side <= 1.2 * height)
    letter = ~small & ~blot & (side <= 6 * height)
    letter[0] = False
    near = cv2.dilate(letter[labels].astype("uint8"), cv2.getStructuringElement(
        cv2.MORPH_RECT, (int(1.6 * height) | 1, int(height) | 1))) > 0
    touching = np.zeros(n, dtype=bool)
    touching[np.unique(labels[near & ink])] = True
    # where a full stop may stand: just right of a letter, at its baseline
    stop = np.zeros(ink.shape, dtype=bool)
    for k in np.flatnonzero(letter):
        bottom, right = y[k] + h[k], x[k] + w[k]
        stop[max(0, int(bottom - 0.3 * height)):int(bottom + 0.15 * height),
             max(0, right - 2):int(right + 0.6 * height)] = True
    on_stop = np.zeros(n, dtype=bool)
    on_stop[np.unique(labels[stop & ink])] = True
    drop = (small & ~touching) | (blot & ~touching)
    drop[0] = False
    return ink & ~drop[labels]


def drop_border(ink: Any) -> Any:
    """Ink without the large regions touching the image edge (lid shadow, edge of the glass)."""
    import cv2

    _, labels, stats = _components(ink)
    rows, cols = ink.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    edge = (x == 0) | (y == 0) | (x + w >= cols) | (y + h >= rows)
    big = (h > rows * 0.05) | (w > cols * 0.05)
    drop = edge & big
    drop[0] = False
    return ink & ~drop[labels]


def skew_angle(ink: Any) -> float:
    """The rotation (degrees, counter-clockwise positive) that makes the text lines level:
    the angle whose horizontal ink profile is sharpest, coarse then fine, on a quarter-size
    copy."""
    import cv2

    np = _np()
    small = cv2.resize(ink.astype("uint8") * 255, None, fx=0.25, fy=0.25,
                       interpolation=cv2.INTER_AREA)
    rows, cols = small.shape
    centre = (cols / 2, rows / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rot = cv2.warpAffine(small, m, (cols, rows), flags=cv2.INTER_LINEAR, borderValue=0)
        return float(np.square(np.diff(rot.sum(axis=1, dtype=np.float64))).sum())

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-9, 0.25), key=lambda a: sharpness(float(a)))
    fine = np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, _SKEW_STEP)
    return round(float(max(fine, key=lambda a: sharpness(float(a)))), 2)


def rotate(img: Any, angle: float, fill: int = 255) -> Any:
    import cv2

    rows, cols = img.shape
    m = cv2.getRotationMatrix2D((cols / 2, rows / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (cols, rows), flags=cv2.INTER_LINEAR, borderValue=fill)


def clean(img: Any) -> tuple[Any, float]:
    """The cleaned page (grey, white paper, black ink) and the deskew angle applied."""
    np = _np()
    flat = flatten(img)
    ink = drop_border(binarise(flat))
    ink = despeckle(ink, text_height(ink))
    angle = skew_angle(ink)
    page = np.where(ink, flat, 255).astype(np.uint8)
    if abs(angle) >= _SKEW_STEP / 2:
        page = rotate(page, angle)
    return page, angle


def ruling_edges(page: Any) -> list[dict[str, Any]]:
    """Ruling lines of a cleaned page as edges for :func:`pdf.tables.grid.grid_tables` (pixels,
    origin top left): ink runs much longer than a letter, kept by a morphological opening
    with a long thin line."""
    import cv2

    ink = (page < 215).astype("uint8")  # faint thin rulings too: the paper is flat white here
    height = text_height(ink > 0)
    edges: list[dict[str, Any]] = []
    for orient in ("h", "v"):
        # runs longer than two letters (no stroke of text is), their gaps bridged, then
        # long enough to be a ruling (a blurred scan breaks a thin line into pieces)
        piece, bridge = int(2 * height), int(height) | 1
        shape = (piece, 1) if orient == "h" else (1, piece)
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                                 cv2.getStructuringElement(cv2.MORPH_RECT, shape))
        shape = (bridge, 1) if orient == "h" else (1, bridge)
        lines = cv2.morphologyEx(lines, cv2.MORPH_CLOSE,
                                 cv2.getStructuringElement(cv2.MORPH_RECT, shape))
        _, _, stats = _components(lines > 0)
        for x, y, w, h, _area in stats[1:]:
            if max(w, h) < 3 * height:
                continue
            if orient == "h":
                edges.append({"x0": float(x), "x1": float(x + w), "top": y + h / 2,
                              "bottom": y + h / 2, "width": float(w), "height": 0.0,
                              "orientation": "h"})
            else:
                edges.append({"x0": x + w / 2, "x1": x + w / 2, "top": float(y),
                              "bottom": float(y + h), "width": 0.0, "height": float(h),
                              "orientation": "v"})
    return edges


def letter_boxes(page: Any) -> Any:
    """Boxes (left, top, right, bottom; an N x 4 array) of the ink components of letter size
    on a cleaned page: what a reader would call writing (rulings and specks left out)."""
    import cv2

    np = _np()
    ink = binarise(page)
    height = text_height(ink)
    _, _, stats = _components(ink)
    x, y = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    ok = (np.maximum(w, h) >= 0.3 * height) & (np.maximum(w, h) <= 3 * height)
    return np.stack([x, y, x + w, y + h], axis=1)[ok]


def clean_file(src: Path, dst: Path) -> tuple[float, Any]:
    """Clean the image file ``src`` into ``dst`` (PNG); the deskew angle applied and the
    cleaned page (for :func:`ruling_edges`)."""
    import cv2

    img = cv2.imread(str(src), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise ValueError(f"not an image: {src}")
    page, angle = clean(img)
    cv2.imwrite(str(dst), page)
    return angle, page


def available() -> bool:
    """OpenCV is installed (opencv-python-headless)."""
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True
