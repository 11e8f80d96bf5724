// Mensajes de los derechos sobre los datos personales (issue 13): aviso de privacidad y
// consentimiento, descarga de datos, cierre de cuenta, baja de correos, registro para la
// coordinación. en/privacy.ts tiene las mismas claves.
export const privacyEs = {
  "people.deletedAccount": "Cuenta eliminada",

  "footer.privacy": "Privacidad",

  // Aviso.
  "privacy.title": "Aviso de privacidad",
  "privacy.version": "Versión del {version}",
  "privacy.rightsTitle": "Ejerce tus derechos aquí",
  "privacy.rights.data": "Descargar mis datos",
  "privacy.rights.close": "Cerrar mi cuenta",
  "privacy.rights.notifications": "Elegir qué correos recibo",

  // Consentimiento.
  "privacy.consent.label": "Leí el aviso de privacidad y acepto que mis datos se traten para los fines que describe.",
  "privacy.consent.read": "Leer el aviso de privacidad (se abre en otra pestaña)",
  "privacy.consent.required": "Para crear una cuenta debes aceptar el aviso de privacidad.",
  "privacy.accept.title": "Actualizamos el aviso de privacidad",
  "privacy.accept.lead": "Antes de continuar, lee el aviso de privacidad vigente (versión del {version}) y acéptalo.",
  "privacy.accept.first": "Todavía no aceptaste el aviso de privacidad de la plataforma. Léelo y acéptalo para continuar.",
  "privacy.accept.submit": "Aceptar y continuar",
  "privacy.accept.requiredAgain": "Marca la casilla para aceptar el aviso de privacidad.",
  "privacy.accept.alternatives": "Si no estás de acuerdo, puedes descargar tus datos, cerrar tu cuenta o cerrar sesión.",
  "privacy.accept.done": "Gracias: aceptaste el aviso de privacidad.",

  // Descarga.
  "privacy.data.title": "Mis datos",
  "privacy.data.lead": "Descarga todo lo que la plataforma guarda sobre ti: tu perfil, sesiones, organizaciones, inscripciones y respuestas, conversaciones y mensajes, notificaciones, publicaciones del intercambio y consentimientos.",
  "privacy.data.formats": "Elige el formato",
  "privacy.data.json": "Descargar en JSON",
  "privacy.data.jsonHint": "Un archivo completo y legible por máquina, para llevar tus datos a otro servicio.",
  "privacy.data.html": "Descargar resumen legible (HTML)",
  "privacy.data.htmlHint": "Los mismos datos en tablas, para leer en cualquier navegador sin conexión.",
  "privacy.data.notIncluded": "No se incluyen las contraseñas ni los códigos secretos de los enlaces (solo guardamos resúmenes cifrados que no sirven para entrar) ni las imágenes de las organizaciones.",
  "privacy.data.consent": "Aceptaste el aviso de privacidad (versión del {version}) el {date}.",
  "privacy.data.correct": "Para corregir tus datos (los de una organización se corrigen en su página):",
  "privacy.data.profileLink": "Mi perfil",
  "privacy.data.emailLink": "Cambiar mi correo",

  // Archivo exportado.
  "privacy.export.filename": "mis-datos-peru-pais-circular",
  "privacy.export.htmlTitle": "Datos personales de {name} en Perú País Circular",
  "privacy.export.htmlIntro": "Generado el {date}. Aviso de privacidad vigente: versión del {version}.",
  "privacy.export.htmlPerson": "Titular: {name} ({email}).",
  "privacy.export.rows.one": "{count} fila",
  "privacy.export.rows.other": "{count} filas",
  "privacy.export.section.account": "Cuenta, sesiones y consentimientos",
  "privacy.export.section.organisations": "Organizaciones y Pacto",
  "privacy.export.section.initiatives": "Iniciativas",
  "privacy.export.section.events": "Eventos",
  "privacy.export.section.discussions": "Conversaciones",
  "privacy.export.section.exchange": "Intercambio de recursos",
  "privacy.export.section.notifications": "Notificaciones",

  // Cierre.
  "privacy.close.title": "Cerrar mi cuenta",
  "privacy.close.lead": "Cerrar la cuenta es definitivo. Antes, si quieres, descarga tus datos.",
  "privacy.close.whatHappens": "Qué pasa al cerrarla",
  "privacy.close.item.data": "Borramos tu perfil, sesiones, membresías, seguimientos, reacciones, notificaciones y preferencias.",
  "privacy.close.item.registrations": "Cancelamos tus inscripciones a eventos próximos; si tenías un cupo, pasa a la primera persona en lista de espera.",
  "privacy.close.item.posts": "Tus conversaciones y mensajes quedan, para que las respuestas de otras personas se sigan entendiendo, pero firmados como «Cuenta eliminada».",
  "privacy.close.item.records": "Las iniciativas, publicaciones del intercambio e intercambios que registraste siguen siendo de tu organización, sin tu nombre.",
  "privacy.close.item.mail": "Te enviaremos un correo de confirmación; después no guardamos tu dirección.",
  "privacy.close.lastOwner": "Eres la única persona responsable de estas organizaciones. Antes de cerrar tu cuenta, nombra a otra persona como responsable en su equipo:",
  "privacy.close.lastOwnerTeam": "Equipo de {name}",
  "privacy.close.password": "Tu contraseña, para confirmar",
  "privacy.close.submit": "Cerrar mi cuenta definitivamente",
  "privacy.close.done": "Tu cuenta fue cerrada y tus datos personales, borrados. Te enviamos un correo de confirmación.",
  "privacy.close.mail.subject": "Tu cuenta de Perú País Circular fue cerrada",
  "privacy.close.mail.body": "Cerramos tu cuenta como lo pediste: borramos tus datos personales, cancelamos tus inscripciones a eventos próximos y tus mensajes en las conversaciones quedan firmados como «Cuenta eliminada». Esta es la última vez que te escribimos.",
  "privacy.close.mail.contact": "Si no fuiste tú o tienes preguntas sobre tus datos, revisa el aviso de privacidad: {url}",

  // Baja de correos.
  "unsubscribe.title": "Dejar de recibir correos",
  "unsubscribe.confirm": "¿Dejar de recibir por correo los avisos de «{group}»?",
  "unsubscribe.confirmDigest": "¿Dejar de recibir el resumen de avisos por correo?",
  "unsubscribe.keepInApp": "Seguirás viendo estos avisos en la plataforma. Los correos de tu cuenta (confirmar el correo, cambiar la contraseña) siguen llegando.",
  "unsubscribe.submit": "Dejar de recibirlos",
  "unsubscribe.done": "Listo: ya no te enviaremos por correo los avisos de «{group}».",
  "unsubscribe.doneDigest": "Listo: ya no te enviaremos el resumen de avisos por correo.",
  "unsubscribe.preferences": "Elegir qué avisos recibo",
  "unsubscribe.invalid": "Este enlace para dejar de recibir correos no es válido. Revisa que esté completo o cambia tus preferencias desde tu cuenta.",
  "unsubscribe.used": "Este enlace ya se usó: la baja está hecha. Puedes cambiar tus preferencias desde tu cuenta.",

  // Registro para la coordinación.
  "dataRequests.nav": "Solicitudes de datos",
  "dataRequests.title": "Solicitudes sobre datos personales",
  "dataRequests.lead": "Cada descarga de datos y cada cierre de cuenta queda registrado con su fecha, sin guardar quién lo pidió ni qué se entregó.",
  "dataRequests.lastYear": "Últimos 12 meses",
  "dataRequests.kind.export_json": "Descarga de datos (JSON)",
  "dataRequests.kind.export_html": "Descarga de datos (HTML)",
  "dataRequests.kind.closure": "Cierre de cuenta",
  "dataRequests.count.one": "{count} solicitud",
  "dataRequests.count.other": "{count} solicitudes",
  "dataRequests.caption": "Solicitudes, de la más reciente a la más antigua",
  "dataRequests.col.when": "Fecha",
  "dataRequests.col.kind": "Solicitud",
  "dataRequests.empty": "Todavía no hay solicitudes.",
};
