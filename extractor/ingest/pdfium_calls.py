"""PDFium's per-character calls through cffi: the same functions pypdfium2 binds, about half
the cost of a call.

pypdfium2 loads PDFium, initialises it and owns every document, page and text page; the table
reader and the line geometry of `pdf` ask PDFium a few numbers for every character of a page,
where ctypes' argument conversion costs more than PDFium's work (1.6 against 0.9 µs a call
measured on this machine). This module opens the library pypdfium2 loaded (the dynamic loader
returns that same copy) and declares those few calls with handles as plain integers, so a call
converts nothing but its numbers. `handle()` turns a pypdfium2 raw handle into that integer.
"""

from __future__ import annotations

import ctypes
import functools
from pathlib import Path
from typing import Any

DECLARATIONS = """
typedef struct { float left; float top; float right; float bottom; } FS_RECTF;
typedef struct { float a; float b; float c; float d; float e; float f; } FS_MATRIX;
int FPDFText_IsGenerated(uintptr_t text_page, int index);
uintptr_t FPDFText_GetTextObject(uintptr_t text_page, int index);
int FPDFText_GetCharOrigin(uintptr_t text_page, int index, double* x, double* y);
int FPDFText_GetLooseCharBox(uintptr_t text_page, int index, FS_RECTF* rect);
int FPDFText_GetCharBox(uintptr_t text_page, int index, double* left, double* right, double* bottom,
                        double* top);
float FPDFText_GetCharAngle(uintptr_t text_page, int index);
int FPDFText_GetMatrix(uintptr_t text_page, int index, FS_MATRIX* matrix);
double FPDFText_GetFontSize(uintptr_t text_page, int index);
uintptr_t FPDFTextObj_GetFont(uintptr_t text_object);
int FPDFFont_GetDescent(uintptr_t font, float font_size, float* descent);
int FPDFPage_CountObjects(uintptr_t page);
uintptr_t FPDFPage_GetObject(uintptr_t page, int index);
int FPDFFormObj_CountObjects(uintptr_t form_object);
uintptr_t FPDFFormObj_GetObject(uintptr_t form_object, unsigned long index);
int FPDFPageObj_GetType(uintptr_t page_object);
int FPDFPageObj_GetBounds(uintptr_t page_object, float* left, float* bottom, float* right, float* top);
int FPDFPageObj_GetMatrix(uintptr_t page_object, FS_MATRIX* matrix);
int FPDFPath_CountSegments(uintptr_t path);
uintptr_t FPDFPath_GetPathSegment(uintptr_t path, int index);
int FPDFPathSegment_GetType(uintptr_t segment);
int FPDFPathSegment_GetPoint(uintptr_t segment, float* x, float* y);
int FPDFPathSegment_GetClose(uintptr_t segment);
unsigned long FPDFTextObj_GetText(uintptr_t text_object, uintptr_t text_page, unsigned short* buffer,
                                  unsigned long length);
"""


@functools.cache
def api() -> tuple[Any, Any]:
    """(ffi, lib): cffi's view of the PDFium library pypdfium2 loaded."""
    import cffi
    import pypdfium2.raw  # noqa: F401 - loads and initialises PDFium first
    import pypdfium2_raw
    from pypdfium2_raw import bindings

    ffi = cffi.FFI()
    ffi.cdef(DECLARATIONS)
    loaded = getattr(bindings, "_libs", {}).get("pdfium")
    path = getattr(loaded, "_name", None) or str(Path(pypdfium2_raw.__file__).parent / "libpdfium.so")
    return ffi, ffi.dlopen(path)


def handle(raw: Any) -> int:
    """The address behind a pypdfium2 raw handle (text page, page object), as cffi takes it."""
    return ctypes.cast(raw, ctypes.c_void_p).value or 0
