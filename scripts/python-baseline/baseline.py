#!/usr/bin/env python3
"""A plain single-process Python baseline for `affect bench`: the vision stage's default per-frame work on one clip.

For each frame, as the vision stage does by default (io.affectstream.vision):
  decode (OpenCV), BlazeFace back-256 (letterbox, 896 anchors, threshold, weighted NMS of boxes and keypoints),
  then all faces of the frame in one batch per model: mini-Xception (64x64 grey crop), face-api's expression net
  (112x112 RGB crop), their equal-weight average (the ensemble), and FaceMesh (192x192 RGB crop, levelled on
  BlazeFace's eye keypoints; 468 points mapped back to frame pixels).
With onnxruntime and an ffmpeg executable, Silero VAD v5 also runs on the clip's audio at 16 kHz, 32 ms chunks
with 64 samples of context and the state carried, interleaved with the frames they cover.

Runtime: onnxruntime (InferenceSession, CPUExecutionProvider, ONNX Runtime's default threading unless --threads)
when it imports; otherwise OpenCV's dnn module (cv2.dnn.readNetFromONNX), which cannot load Silero VAD, so the
audio is then left out. Prints one JSON line with frames/s and the runtime; --dump writes per frame what was found,
so that `affect bench --python-baseline` can check that both sides agree.

    python baseline.py --clip demo.mp4 [--dump faces.jsonl] [--warmup 10] [--threads N] [--ffmpeg EXE | --no-audio]
"""
import time

PROCESS_START = time.perf_counter()  # wall_seconds: from here (imports, model loading, warm-up and all) to the end

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import zipfile
from collections import Counter

import cv2
import numpy as np

try:
    import onnxruntime as ort
except ImportError:  # the Debian fallback: OpenCV's dnn runs the vision models
    ort = None

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODELS = os.path.join(ROOT, "models")
DETECTORS = {"back": ("blazeface/face_detection_back_256x256_barracuda.onnx", 256),   # vision.detector=back
             "front": ("blazeface/face_detection_front_128x128_barracuda.onnx", 128)}  # vision.detector=front
MINI_XCEPTION = "mini-xception/emotion.onnx"
FACE_API = "face-api/face_expression.onnx"
FACEMESH = "facemesh/facemesh.onnx"
VAD = "silero-vad/silero_vad_v5.onnx"
THRESHOLD = 0.6            # vision.detector.threshold default
NMS_IOU = 0.3              # BlazeFaceDetector.NMS_IOU
CROP_SCALE = 1.1           # MiniXceptionClassifier.CROP_SCALE
CROP = 64                  # MiniXceptionClassifier.SIZE
FACE_API_SIZE = 112        # FaceApiExpressionClassifier.SIZE
FACE_API_SCALE = 1.2       # FaceApiExpressionClassifier.BOX_SCALE
MESH_SIZE = 192            # FaceMeshLandmarker.SIZE
MESH_SCALE = 1.5           # FaceMeshLandmarker.CROP_SCALE
MAX_SIDE = 640             # `run --max-side` default
VAD_RATE = 16000
VAD_NEW = 512              # SileroVad.FRAME_SAMPLES
VAD_CONTEXT = 64           # SileroVad.CONTEXT_SAMPLES
# canonical order, as wire names (io.affectstream.wire.Expression)
LABELS = ["neutral", "anger", "disgust", "fear", "happiness", "sadness", "surprise"]
# each model's output index -> canonical index
MINI_XCEPTION_ORDER = [1, 2, 3, 4, 5, 6, 0]   # angry, disgust, fear, happy, sad, surprise, neutral
FACE_API_ORDER = [0, 4, 5, 1, 3, 2, 6]        # neutral, happy, sad, angry, fearful, disgusted, surprised
# FaceLandmarks' lid contours (rightEyeUpper0 + rightEyeLower0, and the left ones): the eye centres
RIGHT_EYE = [246, 161, 160, 159, 158, 157, 173, 33, 7, 163, 144, 145, 153, 154, 155, 133]
LEFT_EYE = [466, 388, 387, 386, 385, 384, 398, 263, 249, 390, 373, 374, 380, 381, 382, 362]


class Net:
    """One ONNX model on onnxruntime, or on OpenCV's dnn when onnxruntime is not there."""

    def __init__(self, path, outputs, threads):
        self.outputs = outputs
        if ort is not None:
            options = ort.SessionOptions()
            options.log_severity_level = 3  # the converted graphs carry unused initialisers ORT warns about
            if threads > 0:
                options.intra_op_num_threads = threads
            self.session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        else:
            self.net = cv2.dnn.readNetFromONNX(path)

    def run(self, feeds):
        if ort is not None:
            return self.session.run(self.outputs, feeds)
        for name, value in feeds.items():
            self.net.setInput(value, name)
        return self.net.forward(self.outputs)


def runtime_name(threads):
    if ort is not None:
        intra = threads if threads > 0 else "0 (ONNX Runtime's default: one per physical core)"
        return (f"onnxruntime {ort.__version__} CPUExecutionProvider", {
            "intra_op_num_threads": intra, "inter_op_num_threads": "0 (default; sequential execution mode)"})
    return (f"OpenCV {cv2.__version__} dnn (cv2.dnn.readNetFromONNX)", {"opencv_threads": cv2.getNumThreads()})


def anchors():
    """16x16 cells x 2 anchors, then 8x8 cells x 6, row-major, centres in the unit square."""
    out = []
    for cells, per in ((16, 2), (8, 6)):
        for y in range(cells):
            for x in range(cells):
                out.extend([((x + 0.5) / cells, (y + 0.5) / cells)] * per)
    return np.array(out, dtype=np.float64)


ANCHORS = anchors()
LOGIT_THRESHOLD = np.log(THRESHOLD / (1 - THRESHOLD))


class Letterbox:
    def __init__(self, w, h, size):
        self.size = size  # the detector's square input side
        self.scale = size / max(w, h)
        self.drawn_w = int(round(w * self.scale))
        self.drawn_h = int(round(h * self.scale))
        self.pad_x = (size - self.drawn_w) // 2
        self.pad_y = (size - self.drawn_h) // 2

    def tensor(self, bgr):
        """NHWC RGB in [-1, 1], the margins black (-1), bilinear with pixel centres aligned."""
        small = cv2.resize(bgr, (self.drawn_w, self.drawn_h), interpolation=cv2.INTER_LINEAR)
        canvas = np.zeros((self.size, self.size, 3), dtype=np.float32)
        canvas[self.pad_y:self.pad_y + self.drawn_h, self.pad_x:self.pad_x + self.drawn_w] = small[:, :, ::-1]
        return (canvas / 127.5 - 1.0)[np.newaxis]


def iou(a, b):
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = max(0.0, a[2]) * max(0.0, a[3]) + max(0.0, b[2]) * max(0.0, b[3]) - inter
    return 0.0 if union <= 0 else inter / union


def weighted_nms(cands):
    """MediaPipe's: group what overlaps the best by IoU >= 0.3, average boxes and keypoints by score, keep the best
    score. A candidate is (x, y, w, h, 12 keypoint values, score)."""
    remaining = sorted(cands, key=lambda c: -c[-1])
    out = []
    while remaining:
        best = remaining[0]
        group = [c for c in remaining if iou(best, c) >= NMS_IOU]
        remaining = [c for c in remaining if iou(best, c) < NMS_IOU]
        values = np.array([c[:-1] for c in group])
        weights = np.array([c[-1] for c in group])
        out.append(((values * weights[:, None]).sum(axis=0) / weights.sum(), best[-1]))
    return out


def detect(net, box, bgr):
    """Faces, best first, as (x, y, w, h, score, keypoints[12]) in the frame's pixels."""
    logits0, logits1, reg0, reg1 = net.run({"input:0": box.tensor(bgr)})
    size = box.size
    logits = np.concatenate([logits0.reshape(-1), logits1.reshape(-1)])
    regressors = np.concatenate([reg0.reshape(-1, 16), reg1.reshape(-1, 16)]).astype(np.float64)
    cands = []
    for i in np.nonzero(logits >= LOGIT_THRESHOLD)[0]:
        score = 1 / (1 + math.exp(-float(logits[i])))
        anchor = np.tile(ANCHORS[i], 7)  # (ax, ay) for the centre and the six keypoints
        r = regressors[i]
        points = anchor + np.concatenate([r[0:2], r[4:16]]) / size
        w, h = r[2] / size, r[3] / size
        cands.append((points[0] - w / 2, points[1] - h / 2, w, h, *points[2:], score))
    faces = []
    for v, s in weighted_nms(cands):
        px = v.copy()
        px[0:2] = (v[0:2] * size - [box.pad_x, box.pad_y]) / box.scale
        px[2:4] = v[2:4] * size / box.scale
        px[4::2] = (v[4::2] * size - box.pad_x) / box.scale
        px[5::2] = (v[5::2] * size - box.pad_y) / box.scale
        faces.append((*px[:4], float(s), px[4:]))
    return faces


def mini_xception_crop(bgr, face):
    """64x64 model input: a square of 1.1x the box's larger side, bilinear on grey, black outside, (g - 0.5) * 2.

    Grey is linear in R, G and B, so it is taken per source pixel (only those the crop reads) and then interpolated.
    """
    x, y, w, h = face[:4]
    side = CROP_SCALE * max(w, h)
    step = side / CROP
    pos = (np.arange(CROP) + 0.5) * step - 0.5
    sx, sy = x + w / 2 - side / 2 + pos, y + h / 2 - side / 2 + pos
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = sx - x0, sy - y0
    # the source pixels the crop reads, with black where they fall outside the frame
    lo_x, hi_x, lo_y, hi_y = x0[0], x0[-1] + 1, y0[0], y0[-1] + 1
    region = np.zeros((hi_y - lo_y + 1, hi_x - lo_x + 1), dtype=np.float64)
    fh, fw = bgr.shape[:2]
    ax, bx, ay, by = max(lo_x, 0), min(hi_x, fw - 1), max(lo_y, 0), min(hi_y, fh - 1)
    if ax <= bx and ay <= by:
        region[ay - lo_y:by - lo_y + 1, ax - lo_x:bx - lo_x + 1] = to_grey(bgr[ay:by + 1, ax:bx + 1])
    cx, cy = x0 - lo_x, y0 - lo_y
    top_row = (1 - fx) * region[cy][:, cx] + fx * region[cy][:, cx + 1]
    bottom_row = (1 - fx) * region[cy + 1][:, cx] + fx * region[cy + 1][:, cx + 1]
    g = (1 - fy)[:, None] * top_row + fy[:, None] * bottom_row
    return ((g - 0.5) * 2).astype(np.float32)


def to_grey(bgr):
    b, g, r = bgr[:, :, 0].astype(np.float64), bgr[:, :, 1].astype(np.float64), bgr[:, :, 2].astype(np.float64)
    return (0.2989 * r + 0.587 * g + 0.114 * b) / 255.0


def face_api_crop(bgr, face):
    """112x112x3 RGB 0..255, as FaceApiExpressionClassifier.fillCrop: the box grown 1.2x about its centre, clipped to
    the frame and floored to whole pixels, padded with black to a centred square, resized bilinearly without
    half-pixel centres (TF.js resizeBilinear)."""
    fh, fw = bgr.shape[:2]
    bx, by, bw, bh = face[:4]
    w, h = bw * FACE_API_SCALE, bh * FACE_API_SCALE
    x, y = bx - (w - bw) / 2, by - (h - bh) / 2
    clipped_x, clipped_y = max(x, 0.0), max(y, 0.0)
    left, top = math.floor(clipped_x), math.floor(clipped_y)
    width = math.floor(min(x + w - clipped_x, fw - clipped_x))
    height = math.floor(min(y + h - clipped_y, fh - clipped_y))
    if width <= 0 or height <= 0:
        return np.zeros((FACE_API_SIZE, FACE_API_SIZE, 3), dtype=np.float32)
    side = max(width, height)
    diff = side - min(width, height)
    before = diff - math.floor(diff * 0.5 + 0.5)  # Java's Math.round: half up
    origin_x = left - (before if width < height else 0)
    origin_y = top - (before if height < width else 0)
    # the crop's own pixels plus one black row and column, where the padding and anything outside it read from
    crop = np.zeros((height + 1, width + 1, 3), dtype=np.float64)
    crop[:height, :width] = bgr[top:top + height, left:left + width, ::-1]
    s = np.arange(FACE_API_SIZE) * (side / FACE_API_SIZE)
    i0 = s.astype(int)
    i1 = np.minimum(i0 + 1, side - 1)
    f = s - i0

    def index(square, origin, start, extent):
        # square coordinates -> crop rows or columns; outside the crop -> the black one
        k = origin + square - start
        return np.where((k >= 0) & (k < extent), k, extent)

    cx0, cx1 = index(i0, origin_x, left, width), index(i1, origin_x, left, width)
    cy0, cy1 = index(i0, origin_y, top, height), index(i1, origin_y, top, height)
    fx, fy = f[None, :, None], f[:, None, None]
    tl, tr = crop[cy0][:, cx0], crop[cy0][:, cx1]
    bl, br = crop[cy1][:, cx0], crop[cy1][:, cx1]
    t = tl + (tr - tl) * fx
    b = bl + (br - bl) * fx
    return (t + (b - t) * fy).astype(np.float32)


def mesh_transform(face):
    """FaceRegion.of(detection, 1.5).cropToFrame(192) as (a, b, tx, ty): crop pixels -> frame pixels,
    x' = a x - b y + tx, y' = b x + a y + ty; the square is turned so that BlazeFace's eye keypoints lie level."""
    x, y, w, h, _, k = face
    side = MESH_SCALE * max(w, h)
    radians = math.atan2(k[3] - k[1], k[2] - k[0])
    s = side / MESH_SIZE
    a, b = s * math.cos(radians), s * math.sin(radians)
    half = MESH_SIZE / 2
    return a, b, x + w / 2 - (a * half - b * half), y + h / 2 - (b * half + a * half)


def mesh_crop(bgr, t):
    """192x192 RGB in [0, 1]: output pixel (c, r) is the bilinear colour at T(c + 0.5, r + 0.5) - 0.5 in pixel
    indices (RgbFrame.warp), black beyond the frame."""
    a, b, tx, ty = t
    m = np.array([[a, -b, tx + 0.5 * a - 0.5 * b - 0.5], [b, a, ty + 0.5 * b + 0.5 * a - 0.5]])
    warped = cv2.warpAffine(bgr, m, (MESH_SIZE, MESH_SIZE), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    return warped[:, :, ::-1].astype(np.float32) / 255.0


def canonical(probabilities, order):
    out = np.zeros_like(probabilities, dtype=np.float64)
    out[:, order] = probabilities
    return out


class Models:
    def __init__(self, folder, threads, detector="back", expressions="ensemble"):
        path, self.detector_size = DETECTORS[detector]
        self.detector = Net(os.path.join(folder, path), ["Identity:0", "Identity_1:0", "Identity_2:0",
                                                         "Identity_3:0"], threads)
        self.mini_xception = Net(os.path.join(folder, MINI_XCEPTION), ["probabilities"], threads)
        # vision.expressions=mini-xception runs mini-Xception alone: its label is then the stage's label
        self.face_api = Net(os.path.join(folder, FACE_API), ["probabilities"], threads) \
            if expressions == "ensemble" else None
        self.mesh = Net(os.path.join(folder, FACEMESH), ["landmarks", "face_flag"], threads)

    def faces(self, frame, faces):
        """Per face: mini-Xception's and the ensemble's top labels and the FaceMesh eye centres."""
        if not faces:
            return []
        mx = self.mini_xception.run({"input": np.stack([mini_xception_crop(frame, f) for f in faces])[..., None]})[0]
        mx = canonical(mx, MINI_XCEPTION_ORDER)
        if self.face_api is not None:
            fa = self.face_api.run({"input": np.stack([face_api_crop(frame, f) for f in faces])})[0]
            ensemble = (mx + canonical(fa, FACE_API_ORDER)) / 2
            ensemble /= ensemble.sum(axis=1, keepdims=True)
        else:
            ensemble = mx
        transforms = [mesh_transform(f) for f in faces]
        mesh, flag = self.mesh.run({"input": np.stack([mesh_crop(frame, t) for t in transforms])})
        out = []
        for i, (a, b, tx, ty) in enumerate(transforms):
            p = mesh[i].reshape(-1, 3).astype(np.float64)
            xs, ys = a * p[:, 0] - b * p[:, 1] + tx, b * p[:, 0] + a * p[:, 1] + ty
            eyes = [xs[RIGHT_EYE].mean(), ys[RIGHT_EYE].mean(), xs[LEFT_EYE].mean(), ys[LEFT_EYE].mean()]
            out.append({"mini_xception": LABELS[int(np.argmax(mx[i]))], "label": LABELS[int(np.argmax(ensemble[i]))],
                        "eyes": [round(float(v), 2) for v in eyes], "mesh_face": round(float(flag[i][0]), 3)})
        return out


class Vad:
    """Silero VAD v5 as SileroVad feeds it: 64 samples of context + 512 new ones, the state carried."""

    def __init__(self, folder, threads):
        self.net = Net(os.path.join(folder, VAD), ["output", "stateN"], threads)
        self.reset()

    def reset(self):
        self.state = np.zeros((2, 1, 128), dtype=np.float32)
        self.context = np.zeros(VAD_CONTEXT, dtype=np.float32)
        self.sr = np.array(VAD_RATE, dtype=np.int64)

    def chunk(self, samples):
        window = np.concatenate([self.context, samples])[None, :]
        self.context = samples[-VAD_CONTEXT:]
        out, self.state = self.net.run({"input": window, "state": self.state, "sr": self.sr})
        return float(out[0][0])


def find_ffmpeg(given):
    """An ffmpeg executable: --ffmpeg, else one on PATH, else the one inside the FFmpeg jar that cli/target/affect.jar
    carries (extracted once to target/python-baseline/ffmpeg, next to the libraries it loads from its own folder)."""
    if given:
        return given
    on_path = shutil.which("ffmpeg")
    if on_path:
        return on_path
    jar = os.path.join(ROOT, "cli", "target", "affect.jar")
    folder = os.path.join(ROOT, "target", "python-baseline", "ffmpeg")
    exe = os.path.join(folder, "ffmpeg")
    if os.access(exe, os.X_OK):
        return exe
    if not os.path.isfile(jar):
        return None
    prefix = "org/bytedeco/ffmpeg/linux-x86_64/"
    with zipfile.ZipFile(jar) as z:
        members = [n for n in z.namelist() if n.startswith(prefix) and n != prefix
                   and (n.endswith("/ffmpeg") or (".so" in n and "/libjni" not in n))]
        if not any(n.endswith("/ffmpeg") for n in members):
            return None
        os.makedirs(folder, exist_ok=True)
        for n in members:
            with z.open(n) as src, open(os.path.join(folder, os.path.basename(n)), "wb") as dst:
                shutil.copyfileobj(src, dst)
    os.chmod(exe, 0o755)
    return exe


def decode_audio(ffmpeg, clip):
    """The clip's audio as 16 kHz mono float32 in [-1, 1] (ffmpeg's own resampler), or None when it has none."""
    env = dict(os.environ)
    if os.path.dirname(os.path.abspath(ffmpeg)) == os.path.join(ROOT, "target", "python-baseline", "ffmpeg"):
        # the jar's libraries need each other (libavutil needs libva), and only the executable has $ORIGIN as RUNPATH
        env["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [os.path.dirname(ffmpeg), env.get("LD_LIBRARY_PATH")]))
    done = subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-i", clip, "-vn", "-ac", "1", "-ar", str(VAD_RATE),
                           "-f", "s16le", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False, env=env)
    if done.returncode != 0:
        sys.exit(f"baseline: ffmpeg could not decode the audio of '{clip}': "
                 f"{done.stderr.decode(errors='replace').strip()[-300:]}")
    pcm = np.frombuffer(done.stdout, dtype=np.int16)
    return pcm.astype(np.float32) / 32768.0 if pcm.size >= VAD_NEW else None


def analysis_frame(bgr):
    """The frame at the pipeline's analysis size (`--max-side 640`)."""
    h, w = bgr.shape[:2]
    if max(w, h) <= MAX_SIDE:
        return bgr
    scale = MAX_SIDE / max(w, h)
    return cv2.resize(bgr, (int(round(w * scale)), int(round(h * scale))), interpolation=cv2.INTER_AREA)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clip", required=True, help="the video file")
    parser.add_argument("--models", default=MODELS, help="the project's models/ folder (default: %(default)s)")
    parser.add_argument("--dump", help="write per-frame faces as JSON lines to this file")
    parser.add_argument("--warmup", type=int, default=10, help="untimed model runs before the loop (default: 10)")
    parser.add_argument("--threads", type=int, default=0,
                        help="intra-op threads (onnxruntime) or OpenCV threads; 0 leaves the runtime's default")
    parser.add_argument("--ffmpeg", help="ffmpeg executable for the audio (default: on PATH, else from affect.jar)")
    parser.add_argument("--no-audio", action="store_true", help="leave Silero VAD out")
    parser.add_argument("--detector", choices=sorted(DETECTORS), default="back",
                        help="BlazeFace variant, as vision.detector (default: %(default)s)")
    parser.add_argument("--expressions", choices=["ensemble", "mini-xception"], default="ensemble",
                        help="expression models, as vision.expressions (default: %(default)s)")
    args = parser.parse_args()

    if not os.path.isfile(args.clip):
        sys.exit(f"baseline: cannot open clip '{args.clip}': no such file")
    if args.threads > 0 and ort is None:
        cv2.setNumThreads(args.threads)
    loaded = time.perf_counter()
    models = Models(args.models, args.threads, args.detector, args.expressions)
    vad, ffmpeg, audio_note = None, None, None
    if args.no_audio:
        audio_note = "left out (--no-audio)"
    elif ort is None:
        audio_note = "left out: OpenCV's dnn cannot load Silero VAD (its If node), and onnxruntime is not installed"
    else:
        ffmpeg = find_ffmpeg(args.ffmpeg)
        if ffmpeg is None:
            audio_note = "left out: no ffmpeg executable (none on PATH, no cli/target/affect.jar to take one from)"
        else:
            vad = Vad(args.models, args.threads)

    capture = cv2.VideoCapture(args.clip)
    ok, first = capture.read()
    if not ok:
        sys.exit(f"baseline: cannot decode a frame of '{args.clip}'")
    fps = capture.get(cv2.CAP_PROP_FPS) or 25.0
    first = analysis_frame(first)
    box = Letterbox(first.shape[1], first.shape[0], models.detector_size)
    fallback = (200.0, 100.0, 160.0, 160.0, 1.0, np.array([250, 160, 310, 160, 280, 200, 280, 230, 210, 170, 350, 170],
                                                           dtype=np.float64))
    for _ in range(args.warmup):
        models.faces(first, detect(models.detector, box, first) or [fallback])
        if vad is not None:
            vad.chunk(np.zeros(VAD_NEW, dtype=np.float32))
    if vad is not None:
        vad.reset()
    capture.release()
    warmed = time.perf_counter()

    dump = open(args.dump, "w") if args.dump else None
    capture = cv2.VideoCapture(args.clip)
    frames = faces_seen = chunks = speech = 0
    labels = Counter()
    spent = {"decode": 0.0, "detect": 0.0, "faces": 0.0, "audio_decode": 0.0, "vad": 0.0}
    start = time.perf_counter()
    audio = decode_audio(ffmpeg, args.clip) if vad is not None else None
    spent["audio_decode"] = time.perf_counter() - start
    if vad is not None and audio is None:
        vad, audio_note = None, "left out: the clip has no audio"
    while True:
        t0 = time.perf_counter()
        ok, frame = capture.read()
        if not ok:
            break
        frame = analysis_frame(frame)
        t1 = time.perf_counter()
        faces = detect(models.detector, box, frame)
        t2 = time.perf_counter()
        found = models.faces(frame, faces)
        t3 = time.perf_counter()
        if vad is not None:
            # the 32 ms chunks this frame's end completes
            until = min(len(audio), int((frames + 1) / fps * VAD_RATE)) // VAD_NEW
            for c in range(chunks, until):
                speech += vad.chunk(audio[c * VAD_NEW:(c + 1) * VAD_NEW]) >= 0.5
            chunks = max(chunks, until)
        t4 = time.perf_counter()
        spent["decode"] += t1 - t0
        spent["detect"] += t2 - t1
        spent["faces"] += t3 - t2
        spent["vad"] += t4 - t3
        labels.update(f["label"] for f in found)
        if dump:
            dump.write(json.dumps({"frame": frames, "faces": [
                {"box": [round(v, 2) for v in f[:4]], "score": round(f[4], 4), **r}
                for f, r in zip(faces, found)]}) + "\n")
        frames += 1
        faces_seen += len(faces)
    if vad is not None:  # the audio after the last frame
        for c in range(chunks, len(audio) // VAD_NEW):
            speech += vad.chunk(audio[c * VAD_NEW:(c + 1) * VAD_NEW]) >= 0.5
        chunks = max(chunks, len(audio) // VAD_NEW)
    seconds = time.perf_counter() - start
    capture.release()
    if dump:
        dump.close()
    if frames == 0:
        sys.exit(f"baseline: no frame could be decoded from '{args.clip}'")
    runtime, threading = runtime_name(args.threads)
    print(json.dumps({
        "frames": frames, "faces": faces_seen, "seconds": round(seconds, 3), "fps": round(frames / seconds, 2),
        "ms_per_frame": {k: round(v * 1000 / frames, 3) for k, v in spent.items()},
        "load_and_warmup_seconds": round(warmed - loaded, 3), "warmup_runs": args.warmup,
        "wall_seconds": round(time.perf_counter() - PROCESS_START, 3),
        "work": f"decode, BlazeFace {args.detector}-{models.detector_size}, "
                + ("mini-Xception + face-api ensemble" if args.expressions == "ensemble" else "mini-Xception")
                + ", FaceMesh"
                + (", Silero VAD" if vad is not None else ""),
        "top_expressions": dict(labels.most_common()),
        "runtime": runtime, "threads": threading,
        "python": sys.version.split()[0], "numpy": np.__version__, "opencv": cv2.__version__,
        "vad": f"Silero VAD v5 on {chunks} chunks of 32 ms ({speech} speech), audio decoded by {ffmpeg}"
               if vad is not None else audio_note}))


if __name__ == "__main__":
    main()
