"""The desktop notice that offers numba: one message-bar item with an
"Install numba" button; pip runs in a background QgsTask, so QGIS never
freezes, and the result is one message (success or warning)."""
import os
import sys

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QPushButton
from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsSettings, QgsTask
from qgis.gui import QgsMessageBar

from .. import dependencies as deps

TITLE = "DO-LDO"
SESSION_PROPERTY = "doldo_numba_notice_shown"  # on the application: survives plugin reloads
_TASKS = set()  # running tasks stay referenced until they finish


def log(message, level=Qgis.MessageLevel.Info):
    QgsMessageLog.logMessage(message, TITLE, level)


def current_engine():
    """The engine the core runs on: "numba" or "numpy"."""
    from ..core import engine
    return engine.backend()


def shown_this_session():
    return bool(QCoreApplication.instance().property(SESSION_PROPERTY))


def reset_session():
    """Forget that the notice was shown (tests)."""
    QCoreApplication.instance().setProperty(SESSION_PROPERTY, False)


def dismissed():
    return QgsSettings().value(deps.DISMISSED_KEY, False, type=bool)


class InstallTask(QgsTask):
    """Runs pip (``dependencies.run_install``) off the main thread."""

    def __init__(self, command, on_done):
        super().__init__("Installing numba for DO-LDO", QgsTask.Flag.CanCancel)
        self.command, self.on_done = command, on_done
        self.ok = False
        self.message = "Installing numba was cancelled. DO-LDO keeps working on its numpy engine."

    def run(self):
        try:
            self.ok, self.message = deps.run_install(
                self.command, progress=lambda pct, line: self.setProgress(pct),
                cancelled=self.isCanceled, log=log)
        except Exception as err:  # noqa: BLE001 - reported, never raised into QGIS
            self.ok, self.message = False, (f"Installing numba failed: {err}. "
                                            "DO-LDO keeps working on its numpy engine.")
        return self.ok

    def finished(self, result):  # main thread
        _TASKS.discard(self)
        self.on_done(self.ok, self.message)


class NumbaNotice:
    """The "numba is not installed" message-bar notice of one plugin instance."""

    def __init__(self, iface):
        self.iface = iface
        self.item = None
        self.task = None
        self.folder = None

    def should_show(self):
        """Once per session, when the core runs on numpy and the user did
        not choose it (DOLDO_DISABLE_NUMBA) or dismiss the notice."""
        return not (shown_this_session() or dismissed()
                    or os.environ.get("DOLDO_DISABLE_NUMBA")
                    or current_engine() == "numba")

    def show_if_needed(self):
        """Push the notice; True when it was pushed."""
        if not self.should_show():
            return False
        QCoreApplication.instance().setProperty(SESSION_PROPERTY, True)
        numpy_v = deps.qgis_numpy_version()
        choice = deps.choose_numba(numpy_v, sys.version_info)
        if choice:
            text = ("numba is not installed: DO-LDO runs on its slower numpy engine. "
                    f"Install {choice[0].replace('==', ' ')}? numpy {numpy_v} stays as it is.")
        else:
            text = ("DO-LDO runs on its slower numpy engine: "
                    f"{deps.unsupported_reason(numpy_v, sys.version_info)}.")
        item = QgsMessageBar.createMessage(TITLE, text)
        if choice:
            self._button(item, "Install numba", self.install)
        self._button(item, "Don't show again", self.dismiss)
        self.item = item
        self.iface.messageBar().pushWidget(item, Qgis.MessageLevel.Info)
        return True

    @staticmethod
    def _button(item, text, slot):
        button = QPushButton(text, item)
        button.clicked.connect(lambda _checked=False: slot())
        item.layout().addWidget(button)
        return button

    def install(self):
        """Start pip in a QgsTask (the button's action)."""
        self.close()
        try:
            self.folder = deps.dependencies_folder()
            command = deps.install_command(self.folder)
        except (ValueError, OSError) as err:
            self.done(False, f"Installing numba failed: {err}. "
                             "DO-LDO keeps working on its numpy engine.")
            return None
        log("Running: " + deps.command_line(command))
        self.task = InstallTask(command, self.done)
        _TASKS.add(self.task)
        QgsApplication.taskManager().addTask(self.task)
        self.iface.messageBar().pushMessage(
            TITLE, "Installing numba in the background (progress in the task manager).",
            level=Qgis.MessageLevel.Info, duration=5)
        return self.task

    def done(self, ok, message):
        """Say how the install ended (main thread)."""
        level = Qgis.MessageLevel.Success if ok else Qgis.MessageLevel.Warning
        if ok and self.folder:
            deps.refresh_path(self.folder)
        log(message, level)
        self.iface.messageBar().pushMessage(TITLE, message, level=level, duration=0)

    def dismiss(self):
        """"Don't show again": remember it in the QGIS settings."""
        QgsSettings().setValue(deps.DISMISSED_KEY, True)
        self.close()

    def close(self):
        if self.item is not None:
            try:
                self.iface.messageBar().popWidget(self.item)
            except RuntimeError:  # already deleted by the bar
                pass
            self.item = None

    def unload(self):
        """Remove the notice; a running install finishes and still reports."""
        self.close()
