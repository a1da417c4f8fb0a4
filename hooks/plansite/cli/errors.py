"""Exit statuses and the one exception every command raises for the editor."""

from __future__ import annotations

import errno

PROG = "plansite"

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure explained to the editor; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def cannot_write(shown: str, error: OSError) -> str:
    """Why a file could not be written, for the editor (the system's words are English)."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = (
            "нет прав на запись в эту папку. Запустите команду в папке проекта, куда у вас "
            "есть право писать, или разрешите запись в папку news/ (в её свойствах)."
        )
    elif error.errno == errno.ENOSPC:
        why = "на диске нет места: освободите место и повторите."
    elif error.errno in (errno.ENOTDIR, errno.EEXIST):
        why = "на месте нужной папки лежит файл с тем же именем: переименуйте или уберите его."
    else:
        why = f"ошибка системы № {error.errno}: проверьте диск и права на папку news/."
    return f"не удалось создать файл {shown}: {why}"
