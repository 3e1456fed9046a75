"""The desktop notice that offers numba: one short message-bar line (the
bar is one line high, and narrow when side panels are open) with "Install
numba" and "Details…" (the whole text in a dialog, with "Don't show
again"); pip runs in a background QgsTask, so QGIS never
freezes, and the result is one message (success or warning)."""
import os
import sys

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QMessageBox, QPushButton, QWidget
from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsSettings, QgsTask
from qgis.gui import QgsMessageBar

from .. import dependencies as deps
from ..algorithms.common.feedback import core_text, tr

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
        super().__init__(tr("Installing numba for DO-LDO"), QgsTask.Flag.CanCancel)
        self.command, self.on_done = command, on_done
        self.ok = False
        self.message = tr("Installing numba was cancelled. DO-LDO keeps working on its numpy "
                          "engine.")

    def run(self):
        try:
            self.ok, self.message = deps.run_install(
                self.command, progress=lambda pct, line: self.setProgress(pct),
                cancelled=self.isCanceled, log=log)
        except Exception as err:  # noqa: BLE001 - reported, never raised into QGIS
            self.ok, self.message = False, tr("Installing numba failed: {err}. "
                                              "DO-LDO keeps working on its numpy engine.").format(
                err=err)
        return self.ok

    def finished(self, result):  # main thread
        _TASKS.discard(self)
        self.on_done(self.ok, self.message)


def notice_texts():
    """(the one short line of the message bar, the whole text of its
    "Details…" dialog, the numba and llvmlite releases that fit or None)."""
    numpy_v = deps.qgis_numpy_version()
    choice = deps.choose_numba(numpy_v, sys.version_info)
    if not choice:
        reason = deps.unsupported_reason(numpy_v, sys.version_info)
        return (tr("DO-LDO runs on its slower numpy engine: no numba fits this QGIS."),
                tr("DO-LDO runs on its numpy engine (the same results, slower): {reason}.").format(
                    reason=reason),
                None)
    numba, llvmlite = (c.replace("==", " ") for c in choice)
    try:
        folder = deps.dependencies_folder()
    except (ImportError, ValueError):
        folder = tr("the dependencies folder of this QGIS profile")
    details = tr("numba is not installed: DO-LDO runs on its numpy engine, which gives the "
               "same results more slowly.\n\n'Install numba' installs {numba} (with "
               "{llvmlite}) into {folder} with pip, in the background (about 40 MB to "
               "download). numpy {numpy_v}, the one QGIS runs on, stays as it is. Restart "
               "QGIS after the install to use numba.").format(
        numba=numba, llvmlite=llvmlite, folder=folder, numpy_v=numpy_v)
    return tr("numba is not installed: DO-LDO runs slower."), details, choice


class NumbaNotice:
    """The "numba is not installed" message-bar notice of one plugin instance."""

    def __init__(self, iface):
        self.iface = iface
        self.item = None
        self.task = None
        self.folder = None
        self.details = None
        self.details_text = ""

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
        text, self.details_text, choice = notice_texts()
        item = QgsMessageBar.createMessage(TITLE, text)
        if choice:
            self._button(item, tr("Install numba"), self.install)
        self._button(item, tr("Details…"), self.show_details)   # with "Don't show again"
        self.item = item
        self.iface.messageBar().pushWidget(item, Qgis.MessageLevel.Info)
        return True

    def show_details(self):
        """The whole text in a dialog ("Details…", with "Install numba" and
        "Don't show again"): the message bar has room for one short line."""
        parent = self.iface.mainWindow() if hasattr(self.iface, "mainWindow") else None
        box = QMessageBox(QMessageBox.Icon.Information, f"{TITLE}: numba",
                          self.details_text, QMessageBox.StandardButton.Close,
                          parent if isinstance(parent, QWidget) else None)
        if self.item is not None and deps.choose_numba(deps.qgis_numpy_version(),
                                                       sys.version_info):
            button = box.addButton(tr("Install numba"), QMessageBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _checked=False: self.install())
        button = box.addButton(tr("Don't show again"), QMessageBox.ButtonRole.RejectRole)
        button.clicked.connect(lambda _checked=False: self.dismiss())
        # two buttons that reject: say which one Esc (and close()) means
        box.setEscapeButton(box.button(QMessageBox.StandardButton.Close))
        self.details = box
        box.open()  # not modal: QGIS goes on
        return box

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
            self.done(False, tr("Installing numba failed: {err}. "
                                "DO-LDO keeps working on its numpy engine.").format(err=err))
            return None
        log("Running: " + deps.command_line(command))
        self.task = InstallTask(command, self.done)
        _TASKS.add(self.task)
        QgsApplication.taskManager().addTask(self.task)
        self.iface.messageBar().pushMessage(
            TITLE, tr("Installing numba in the background (progress in the task manager)."),
            level=Qgis.MessageLevel.Info, duration=5)
        return self.task

    def done(self, ok, message):
        """Say how the install ended (main thread)."""
        level = Qgis.MessageLevel.Success if ok else Qgis.MessageLevel.Warning
        message = core_text(message)
        if ok and self.folder:
            deps.refresh_path(self.folder)
        log(message, level)
        self.iface.messageBar().pushMessage(TITLE, message, level=level, duration=0)

    def dismiss(self):
        """"Don't show again": remember it in the QGIS settings."""
        QgsSettings().setValue(deps.DISMISSED_KEY, True)
        self.close()

    def close(self):
        if self.details is not None:
            self.details.close()
            self.details = None
        if self.item is not None:
            try:
                self.iface.messageBar().popWidget(self.item)
            except RuntimeError:  # already deleted by the bar
                pass
            self.item = None

    def unload(self):
        """Remove the notice; a running install finishes and still reports."""
        self.close()
