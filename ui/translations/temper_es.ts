<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CaseFile</name>
    <message>
        <location filename="../case_file.py" line="17"/>
        <source>Case file</source>
        <translation>Ficha del caso</translation>
    </message>
    <message>
        <location filename="../case_file.py" line="21"/>
        <source>Case file title</source>
        <translation>Título de la ficha del caso</translation>
    </message>
    <message>
        <location filename="../case_file.py" line="23"/>
        <source>Case file: brief, facts and what may be offered</source>
        <translation>Ficha del caso: resumen, datos y lo que se puede ofrecer</translation>
    </message>
</context>
<context>
    <name>CoachingPanel</name>
    <message>
        <location filename="../coaching.py" line="93"/>
        <source>Coaching</source>
        <extracomment>What to do instead, when a dimension cost points and the scorer left no note. What the phase asks for, when the reply showed nothing either way. Costs that matter most come first.</extracomment>
        <translation>Consejos</translation>
    </message>
    <message>
        <location filename="../coaching.py" line="94"/>
        <source>Coach</source>
        <translation>Consejo</translation>
    </message>
    <message>
        <location filename="../coaching.py" line="111"/>
        <source>What the customer is waiting for</source>
        <translation>Lo que espera el cliente</translation>
    </message>
    <message>
        <location filename="../coaching.py" line="120"/>
        <source>After each reply, a short tip appears here.</source>
        <translation>Después de cada respuesta aparece aquí un consejo breve.</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../conversation_view.py" line="26"/>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../conversation_view.py" line="31"/>
        <source>Customer typing</source>
        <translation>El cliente escribe</translation>
    </message>
    <message>
        <location filename="../conversation_view.py" line="43"/>
        <location filename="../conversation_view.py" line="63"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../conversation_view.py" line="83"/>
        <source>{name} is typing…</source>
        <translation>{name} está escribiendo…</translation>
    </message>
    <message>
        <location filename="../conversation_view.py" line="98"/>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <location filename="../conversation_view.py" line="113"/>
        <source>The conversation appears here.</source>
        <translation>La conversación aparece aquí.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../app.py" line="86"/>
        <source>The details were written to {file}.</source>
        <extracomment>Widget classes a platform theme may give fonts of their own (menus, lists, tips…): each is scaled from its own base size, so everything grows together.</extracomment>
        <translation>Los detalles se escribieron en {file}.</translation>
    </message>
    <message>
        <location filename="../app.py" line="91"/>
        <source>Something went wrong: {error}</source>
        <translation>Algo salió mal: {error}</translation>
    </message>
    <message>
        <location filename="../app.py" line="93"/>
        <source>Your work so far is kept.</source>
        <translation>Lo que ha hecho hasta ahora está guardado.</translation>
    </message>
</context>
<context>
    <name>CurveChart</name>
    <message>
        <location filename="../curve_chart.py" line="18"/>
        <source>Hostility curve chart</source>
        <translation>Gráfico de la curva de hostilidad</translation>
    </message>
    <message>
        <location filename="../curve_chart.py" line="21"/>
        <source>Hostility, turn by turn</source>
        <translation>Hostilidad, turno a turno</translation>
    </message>
    <message>
        <location filename="../curve_chart.py" line="27"/>
        <source>hostility</source>
        <translation>hostilidad</translation>
    </message>
    <message>
        <location filename="../curve_chart.py" line="36"/>
        <source>reply</source>
        <translation>respuesta</translation>
    </message>
    <message>
        <location filename="../curve_chart.py" line="61"/>
        <source>none yet</source>
        <translation>todavía ninguna</translation>
    </message>
    <message>
        <location filename="../curve_chart.py" line="62"/>
        <source>Hostility after each reply: {levels}</source>
        <translation>Hostilidad después de cada respuesta: {levels}</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../customer_card.py" line="20"/>
        <source>Customer card</source>
        <translation>Ficha del cliente</translation>
    </message>
    <message>
        <location filename="../customer_card.py" line="34"/>
        <source>Channel:</source>
        <translation>Canal:</translation>
    </message>
    <message>
        <location filename="../customer_card.py" line="35"/>
        <source>Mood:</source>
        <translation>Ánimo:</translation>
    </message>
    <message>
        <location filename="../customer_card.py" line="48"/>
        <source>hidden in exam mode</source>
        <translation>oculto en modo examen</translation>
    </message>
    <message>
        <location filename="../customer_card.py" line="61"/>
        <source>{name}, {channel}, mood {mood}. </source>
        <translation>{name}, {channel}, ánimo {mood}. </translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../lab_diagram.py" line="40"/>
        <source>State diagram</source>
        <extracomment>The concerns&apos; colour (a format 2 customer&apos;s agenda), beside GOOD, BAD and WARN.</extracomment>
        <translation>Diagrama de estados</translation>
    </message>
    <message>
        <location filename="../lab_diagram.py" line="52"/>
        <source>Copy picture</source>
        <translation>Copiar imagen</translation>
    </message>
    <message>
        <location filename="../lab_diagram.py" line="54"/>
        <source>Copy as Mermaid text</source>
        <translation>Copiar como texto Mermaid</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../history_view.py" line="33"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="34"/>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="35"/>
        <source>Mode</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="36"/>
        <source>Outcome</source>
        <translation>Final</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="37"/>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="38"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="43"/>
        <source>practice</source>
        <translation>práctica</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="44"/>
        <source>exam</source>
        <translation>examen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="45"/>
        <source>certification</source>
        <translation>certificación</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="46"/>
        <source>resolved</source>
        <translation>resuelta</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="47"/>
        <source>escalated</source>
        <translation>escalada</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="48"/>
        <source>abandoned</source>
        <translation>abandonada</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="49"/>
        <source>closed without agreement</source>
        <translation>cerrada sin acuerdo</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="50"/>
        <source>unfinished</source>
        <translation>sin terminar</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="51"/>
        <source>passed</source>
        <translation>superada</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="52"/>
        <source>not passed</source>
        <translation>no superada</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="157"/>
        <location filename="../history_view.py" line="217"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="159"/>
        <source>History status</source>
        <translation>Estado del historial</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="163"/>
        <source>Past sessions</source>
        <translation>Sesiones anteriores</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="173"/>
        <source>&amp;Open report</source>
        <translation>&amp;Abrir informe</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="174"/>
        <source>Open the selected session&apos;s report</source>
        <translation>Abrir el informe de la sesión elegida</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="176"/>
        <source>Res&amp;ume</source>
        <translation>Re&amp;anudar</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="178"/>
        <source>Resume the selected session where it stopped</source>
        <translation>Reanudar la sesión seleccionada donde se quedó</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="186"/>
        <source>&amp;Library</source>
        <translation>&amp;Biblioteca</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="187"/>
        <source>Back to the scenario library</source>
        <translation>Volver a la biblioteca de escenarios</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="207"/>
        <source>Loading the sessions of {trainee}…</source>
        <translation>Cargando las sesiones de {trainee}…</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="216"/>
        <source>History of {trainee}</source>
        <translation>Historial de {trainee}</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="235"/>
        <source>1 finished session</source>
        <translation>1 sesión terminada</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="236"/>
        <source>{count} finished sessions</source>
        <translation>{count} sesiones terminadas</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="237"/>
        <source>, {count} unfinished</source>
        <translation>, {count} sin terminar</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="240"/>
        <source>No sessions yet: practise a scenario and it appears here.</source>
        <translation>Todavía no hay sesiones: practique un escenario y aparecerá aquí.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="258"/>
        <source>Unfinished: Resume carries it on where it stopped.</source>
        <translation>Sin terminar: Reanudar la continúa donde se quedó.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="260"/>
        <source>A certification sitting: it is resumed with temper certify --resume.</source>
        <translation>Una prueba de certificación: se reanuda con temper certify --resume.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="262"/>
        <source>An exam: it is sat in one go and not carried on as practice; open its report, or start the exam again.</source>
        <translation>Un examen: se hace de una vez y no se continúa como práctica; abra su informe o empiece el examen de nuevo.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="265"/>
        <source>Finished: there is nothing to resume; open its report.</source>
        <translation>Terminada: no hay nada que reanudar; abra su informe.</translation>
    </message>
</context>
<context>
    <name>HostilityMeter</name>
    <message>
        <location filename="../hostility_meter.py" line="22"/>
        <source>Hostility meter</source>
        <translation>Medidor de hostilidad</translation>
    </message>
    <message>
        <location filename="../hostility_meter.py" line="68"/>
        <source>no conversation yet</source>
        <translation>todavía no hay conversación</translation>
    </message>
    <message>
        <location filename="../hostility_meter.py" line="70"/>
        <source> (+{points} waiting)</source>
        <translation> (+{points} por la espera)</translation>
    </message>
    <message>
        <location filename="../hostility_meter.py" line="74"/>
        <source>Customer hostility: {level}</source>
        <translation>Hostilidad del cliente: {level}</translation>
    </message>
    <message>
        <location filename="../hostility_meter.py" line="118"/>
        <source>Hostility: {level}</source>
        <translation>Hostilidad: {level}</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../library_view.py" line="55"/>
        <source>Live chat</source>
        <translation>Chat en directo</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="55"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="56"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="56"/>
        <source>Social media (public)</source>
        <translation>Redes sociales (público)</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="57"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="58"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="58"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="59"/>
        <source>easy</source>
        <translation>fácil</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="59"/>
        <source>medium</source>
        <translation>media</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="60"/>
        <source>hard</source>
        <translation>difícil</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="60"/>
        <source>bundled</source>
        <translation>incluido</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="61"/>
        <source>your centre&apos;s</source>
        <translation>de tu centro</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="62"/>
        <source>yours</source>
        <translation>suyo</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="62"/>
        <source>opened file</source>
        <translation>archivo abierto</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="66"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="66"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="66"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="67"/>
        <source>Difficulty</source>
        <translation>Dificultad</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="67"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="67"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="74"/>
        <source>your centre&apos;s (replaces the bundled one)</source>
        <translation>de tu centro (sustituye al incluido)</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="77"/>
        <source>line {line}: {message}</source>
        <translation>línea {line}: {message}</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="78"/>
        <source>cannot be read</source>
        <translation>no se puede leer</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="79"/>
        <source>⚠ invalid — {where}</source>
        <translation>⚠ no válido: {where}</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="82"/>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="171"/>
        <source>Search title, customer, tag, file…</source>
        <translation>Buscar título, cliente, etiqueta, archivo…</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="173"/>
        <source>Search scenarios</source>
        <translation>Buscar escenarios</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="175"/>
        <source>Channel filter</source>
        <translation>Filtro de canal</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="175"/>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="177"/>
        <source>Language filter</source>
        <translation>Filtro de idioma</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="177"/>
        <source>All languages</source>
        <translation>Todos los idiomas</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="179"/>
        <source>Difficulty filter</source>
        <translation>Filtro de dificultad</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="179"/>
        <source>All difficulties</source>
        <translation>Todas las dificultades</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="182"/>
        <source>&amp;Find:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="191"/>
        <source>Scenarios</source>
        <translation>Escenarios</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="210"/>
        <source>Scenario details</source>
        <translation>Detalles del escenario</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="213"/>
        <source>Loading the library…</source>
        <translation>Cargando la biblioteca…</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="214"/>
        <source>Library status</source>
        <translation>Estado de la biblioteca</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="215"/>
        <source>Mode</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="215"/>
        <source>Practice (with coaching)</source>
        <translation>Práctica (con consejos)</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="216"/>
        <source>Exam (no coaching, no meter)</source>
        <translation>Examen (sin consejos ni medidor)</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="218"/>
        <source>your name</source>
        <translation>su nombre</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="219"/>
        <source>Trainee name</source>
        <translation>Nombre del participante</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="221"/>
        <source>&amp;Start</source>
        <translation>&amp;Empezar</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="222"/>
        <source>Start the selected scenario</source>
        <translation>Empezar el escenario elegido</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="224"/>
        <source>&amp;Open file…</source>
        <translation>&amp;Abrir archivo…</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="225"/>
        <source>Open a scenario file</source>
        <translation>Abrir un archivo de escenario</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="227"/>
        <source>&amp;Trainee:</source>
        <translation>&amp;Participante:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="229"/>
        <source>&amp;Mode:</source>
        <translation>&amp;Modalidad:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="245"/>
        <source>Scenario library</source>
        <translation>Biblioteca de escenarios</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="275"/>
        <source>{count} scenarios</source>
        <translation>{count} escenarios</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="276"/>
        <source> · ⚠ 1 invalid file</source>
        <translation> · ⚠ 1 archivo no válido</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="277"/>
        <source> · ⚠ {count} invalid files</source>
        <translation> · ⚠ {count} archivos no válidos</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="325"/>
        <source>No scenario selected.</source>
        <translation>No hay ningún escenario elegido.</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="326"/>
        <source>No scenarios yet.</source>
        <translation>Todavía no hay escenarios.</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="332"/>
        <source>{file} cannot be used</source>
        <translation>{file} no se puede usar</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="333"/>
        <source>Fix these problems in {path}:</source>
        <translation>Corrija estos problemas en {path}:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="337"/>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="338"/>
        <source>Bundled with Temper (read-only: the Scenario lab saves a copy to change it)</source>
        <translation>Incluido con Temper (solo lectura: el laboratorio de escenarios guarda una copia para cambiarlo)</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="339"/>
        <source>Your training centre&apos;s (read-only: the Scenario lab saves a copy to your folder to change it)</source>
        <translation>De tu centro de formación (solo lectura: para cambiarlo, el Laboratorio de escenarios guarda una copia en tu carpeta)</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="340"/>
        <source>Yours, in your scenario folder</source>
        <translation>Suyo, en su carpeta de escenarios</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="341"/>
        <source>A file you opened</source>
        <translation>Un archivo que abrió</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="345"/>
        <source>Tags: {tags} · Pass mark {mark}</source>
        <translation>Etiquetas: {tags} · Nota de aprobado {mark}</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="348"/>
        <source>It replaces the bundled scenario of the same id ({id}), which is not listed: sessions started here, and a scenario named by its id, use your centre&apos;s file.</source>
        <translation>Sustituye al escenario incluido con el mismo identificador ({id}), que no aparece en la lista: las sesiones empezadas aquí, y un escenario nombrado por su identificador, usan el archivo de tu centro.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="69"/>
        <source>Temper — angry-customer practice</source>
        <translation>Temper: práctica con clientes enfadados</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94"/>
        <source>Report saved to {path}</source>
        <translation>Informe guardado en {path}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102"/>
        <source>Saved to History</source>
        <translation>Guardado en el historial</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>Corrections not used: {error}</source>
        <translation>Correcciones no usadas: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>There is no results database to keep it in.</source>
        <translation>No hay ninguna base de datos de resultados donde guardarla.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <location filename="../main_window.py" line="145"/>
        <source>Correction not saved</source>
        <translation>Corrección no guardada</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>Scenario &amp;library</source>
        <translation>&amp;Biblioteca de escenarios</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>&amp;Open scenario file…</source>
        <translation>&amp;Abrir archivo de escenario…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168"/>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169"/>
        <source>Last &amp;report</source>
        <translation>Último &amp;informe</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>&amp;End this session</source>
        <translation>&amp;Terminar esta sesión</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <source>&amp;Larger text</source>
        <translation>Texto más &amp;grande</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>&amp;Smaller text</source>
        <translation>Texto más &amp;pequeño</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>&amp;Normal text size</source>
        <translation>Tamaño de texto &amp;normal</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179"/>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source>Scenario &amp;Lab…</source>
        <translation>&amp;Laboratorio de escenarios…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="183"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="191"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195"/>
        <source>As the &amp;system</source>
        <translation>Como el &amp;sistema</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207"/>
        <source>The interface will be in the chosen language from the next start.</source>
        <translation>La interfaz estará en el idioma elegido a partir del próximo inicio.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212"/>
        <source>Open a scenario file</source>
        <translation>Abrir un archivo de escenario</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213"/>
        <source>Scenario files ({patterns});;All files (*)</source>
        <translation>Archivos de escenario ({patterns});;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="261"/>
        <source>the scenario library could not be loaded: {error}</source>
        <translation>no se pudo cargar la biblioteca de escenarios: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272"/>
        <source>Opening {path}…</source>
        <translation>Abriendo {path}…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277"/>
        <source>there is no file {path}</source>
        <translation>no existe el archivo {path}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>{path} is a folder: open one scenario file (.yaml)</source>
        <translation>{path} es una carpeta: abra un archivo de escenario (.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>{path} is not a scenario file</source>
        <translation>{path} no es un archivo de escenario</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293"/>
        <source>{file} cannot be used: see the problems listed</source>
        <translation>{file} no se puede usar: vea los problemas de la lista</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="295"/>
        <source>This scenario cannot be used</source>
        <translation>Este escenario no se puede usar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>Fix these problems in {file}, then open it again:

{problems}</source>
        <translation>Corrija estos problemas en {file} y vuelva a abrirlo:

{problems}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="299"/>
        <source>Opened {title}</source>
        <translation>Abierto: {title}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="303"/>
        <source>The scenario could not be opened</source>
        <translation>No se pudo abrir el escenario</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="328"/>
        <location filename="../main_window.py" line="421"/>
        <source>Leave this conversation?</source>
        <translation>¿Dejar esta conversación?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="329"/>
        <source>The conversation in progress will be left unfinished. Start another?</source>
        <translation>La conversación en curso quedará sin terminar. ¿Empezar otra?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Exam not started</source>
        <translation>El examen no ha empezado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <source>End this session?</source>
        <translation>¿Terminar esta sesión?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>The conversation will be left unfinished and not scored.</source>
        <translation>La conversación quedará sin terminar y sin puntuar.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="380"/>
        <source>History is off: no results store.</source>
        <translation>El historial está desactivado: no hay almacén de resultados.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="386"/>
        <source>History could not be read: {error}</source>
        <translation>No se pudo leer el historial: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="396"/>
        <source>The report could not be opened</source>
        <translation>No se pudo abrir el informe</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="422"/>
        <source>The conversation in progress will be left unfinished. Resume the other one?</source>
        <translation>La conversación en curso quedará sin terminar. ¿Reanudar la otra?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430"/>
        <source>Resuming the session…</source>
        <translation>Reanudando la sesión…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="446"/>
        <source>This session cannot be resumed</source>
        <translation>Esta sesión no se puede reanudar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="447"/>
        <source>{why}

Open its report instead?</source>
        <translation>{why}

¿Abrir su informe en su lugar?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="450"/>
        <source>The session could not be resumed</source>
        <translation>No se pudo reanudar la sesión</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="494"/>
        <source>Text size {percent}</source>
        <translation>Tamaño del texto {percent}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="497"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="498"/>
        <source>Enter — send (chat, phone, WhatsApp, social); Shift+Enter — new line</source>
        <translation>Intro: enviar (chat, teléfono, WhatsApp, redes); Mayús+Intro: nueva línea</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="499"/>
        <source>Ctrl+Enter — send an email</source>
        <translation>Ctrl+Intro: enviar un correo</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="500"/>
        <source>Ctrl+L — scenario library · Ctrl+O — open a scenario file</source>
        <translation>Ctrl+L: biblioteca de escenarios · Ctrl+O: abrir un archivo de escenario</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="501"/>
        <source>Ctrl+H — history · Ctrl+R — last report · Ctrl+E — end the session</source>
        <translation>Ctrl+H: historial · Ctrl+R: último informe · Ctrl+E: terminar la sesión</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="502"/>
        <source>Ctrl++ / Ctrl+- / Ctrl+0 — text size</source>
        <translation>Ctrl++ / Ctrl+- / Ctrl+0: tamaño del texto</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="503"/>
        <source>Tab / Shift+Tab — move between controls; Enter on a list — open</source>
        <translation>Tab / Mayús+Tab: moverse entre controles; Intro en una lista: abrir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="520"/>
        <source>Quit Temper?</source>
        <translation>¿Salir de Temper?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="521"/>
        <source>The conversation in progress will be left unfinished. Quit anyway?</source>
        <translation>La conversación en curso quedará sin terminar. ¿Salir de todos modos?</translation>
    </message>
</context>
<context>
    <name>PhaseStepper</name>
    <message>
        <location filename="../phase_stepper.py" line="13"/>
        <source>✓ resolved</source>
        <translation>✓ resuelta</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="14"/>
        <source>✗ escalated to a supervisor</source>
        <translation>✗ pasada a un responsable</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="15"/>
        <source>✗ the customer left</source>
        <translation>✗ el cliente se fue</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="16"/>
        <source>✗ closed before the customer agreed</source>
        <translation>✗ cerrada antes de que el cliente estuviera de acuerdo</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="22"/>
        <source>Conversation phase</source>
        <translation>Fase de la conversación</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="82"/>
        <source>phase {n} of {count}: {phase}</source>
        <translation>fase {n} de {count}: {phase}</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="85"/>
        <source>ended: {ending}</source>
        <translation>terminada: {ending}</translation>
    </message>
    <message>
        <location filename="../phase_stepper.py" line="87"/>
        <source>no conversation yet</source>
        <translation>todavía no hay conversación</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <location filename="../reply_editor.py" line="74"/>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="75"/>
        <source>Send reply</source>
        <translation>Enviar la respuesta</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="79"/>
        <source>Reply clock</source>
        <translation>Reloj de la respuesta</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="83"/>
        <source>Why the reply was not sent</source>
        <translation>Por qué no se envió la respuesta</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="89"/>
        <source>About your reply</source>
        <translation>Sobre su respuesta</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="107"/>
        <source>choose a scenario first</source>
        <translation>elija primero un escenario</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="126"/>
        <source>{key} sends · Enter starts a new line</source>
        <translation>{key} envía · Intro empieza una línea nueva</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="127"/>
        <source>Enter sends · Shift+Enter starts a new line</source>
        <translation>Intro envía · Mayús+Intro empieza una línea nueva</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="128"/>
        <source>Write your email to the customer…</source>
        <translation>Escriba su correo al cliente…</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="129"/>
        <source>Type your reply…</source>
        <translation>Escriba su respuesta…</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="130"/>
        <source>Send ({key})</source>
        <translation>Enviar ({key})</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="130"/>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="135"/>
        <source>the customer is still typing: wait for their message</source>
        <translation>el cliente sigue escribiendo: espere a su mensaje</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="158"/>
        <source>Pasted text cut to fit: a reply holds at most {limit} characters, so {kept} of the {pasted} characters pasted went in. The rest was not pasted: it is still where you copied it from.</source>
        <translation>Texto pegado recortado: una respuesta admite como máximo {limit} caracteres, así que entraron {kept} de los {pasted} caracteres pegados. El resto no se pegó: sigue donde lo copió.</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="164"/>
        <source>Not sent: {reason}</source>
        <translation>No enviada: {reason}</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="173"/>
        <source>Waiting {time}</source>
        <translation>Esperando {time}</translation>
    </message>
    <message>
        <location filename="../reply_editor.py" line="175"/>
        <source> · the wait is angering the customer (+{points})</source>
        <translation> · la espera está enfadando al cliente (+{points})</translation>
    </message>
</context>
<context>
    <name>ReplyEditor</name>
    <message>
        <location filename="../reply_editor.py" line="53"/>
        <source>Your reply</source>
        <translation>Su respuesta</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../report_view.py" line="106"/>
        <source>Session report</source>
        <translation>Informe de la sesión</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="112"/>
        <source>Trainee, date and mode</source>
        <translation>Participante, fecha y modalidad</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="115"/>
        <source>Score and result</source>
        <translation>Puntuación y resultado</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="149"/>
        <source>Annotated transcript</source>
        <translation>Transcripción comentada</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="153"/>
        <source>Export &amp;PDF…</source>
        <translation>Exportar &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="154"/>
        <source>Export &amp;HTML…</source>
        <translation>Exportar &amp;HTML…</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="155"/>
        <source>Try &amp;again</source>
        <translation>&amp;Repetir</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="156"/>
        <source>&amp;Library</source>
        <translation>&amp;Biblioteca</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="158"/>
        <source>Export status</source>
        <translation>Estado de la exportación</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="159"/>
        <location filename="../report_view.py" line="353"/>
        <source>Export the report as PDF</source>
        <translation>Exportar el informe en PDF</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="160"/>
        <location filename="../report_view.py" line="353"/>
        <source>Export the report as HTML</source>
        <translation>Exportar el informe en HTML</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="161"/>
        <source>Practise this scenario again</source>
        <translation>Practicar de nuevo este escenario</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="162"/>
        <source>Back to the scenario library</source>
        <translation>Volver a la biblioteca de escenarios</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="186"/>
        <source>Score summary</source>
        <translation>Resumen de la puntuación</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="286"/>
        <source>Not right?</source>
        <translation>¿No es correcto?</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="331"/>
        <source>Noted: “{text}” is not {kind}. The judge uses this from the next session on.</source>
        <translation>Anotado: «{text}» no es {kind}. El evaluador lo tendrá en cuenta desde la próxima sesión.</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="339"/>
        <source>Correct the judge</source>
        <translation>Corregir al evaluador</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="340"/>
        <source>The judge read “{text}” as {kind}.
Mark this as wrong for your centre? A note for other trainers (optional):</source>
        <translation>El evaluador interpretó «{text}» como {kind}.
¿Marcarlo como erróneo para su centro? Una nota para otros formadores (opcional):</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="352"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="352"/>
        <source>Web pages (*.html)</source>
        <translation>Páginas web (*.html)</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="368"/>
        <source>Exporting {file}…</source>
        <translation>Exportando {file}…</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="374"/>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
    <message>
        <location filename="../report_view.py" line="380"/>
        <source>The report was not exported: {reason}</source>
        <translation>No se exportó el informe: {reason}</translation>
    </message>
</context>
<context>
    <name>ScenarioEditor</name>
    <message>
        <location filename="../lab_editor.py" line="98"/>
        <source>Scenario text</source>
        <translation>Texto del escenario</translation>
    </message>
</context>
<context>
    <name>ScenarioLab</name>
    <message>
        <location filename="../lab.py" line="66"/>
        <location filename="../lab.py" line="89"/>
        <source>Scenario lab</source>
        <extracomment>How long typing must pause before the text is validated again. after every validation (debounced while typing): the `Validation` the examples were run: the list of `simulator.check.ExampleResult` a saved (or changed on disk) file was loaded again into play: the new `Scenario` the customer answered in the play tab: the `Turn` a file was written (Save, or Save as): its `Path` (the library lists it)</extracomment>
        <translation>Laboratorio de escenarios</translation>
    </message>
    <message>
        <location filename="../lab.py" line="90"/>
        <source>Open…</source>
        <translation>Abrir…</translation>
    </message>
    <message>
        <location filename="../lab.py" line="91"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../lab.py" line="92"/>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../lab.py" line="93"/>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <location filename="../lab.py" line="94"/>
        <source>Save a copy under another name (Ctrl+Shift+S)</source>
        <translation>Guardar una copia con otro nombre (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <location filename="../lab.py" line="96"/>
        <location filename="../lab.py" line="140"/>
        <source>Run examples</source>
        <translation>Probar los ejemplos</translation>
    </message>
    <message>
        <location filename="../lab.py" line="97"/>
        <source>Restart play</source>
        <translation>Reiniciar la prueba</translation>
    </message>
    <message>
        <location filename="../lab.py" line="102"/>
        <source>Read-only notice</source>
        <translation>Aviso de solo lectura</translation>
    </message>
    <message>
        <location filename="../lab.py" line="104"/>
        <source>Save a copy…</source>
        <translation>Guardar una copia…</translation>
    </message>
    <message>
        <location filename="../lab.py" line="105"/>
        <source>Save a copy of this bundled scenario</source>
        <translation>Guardar una copia de este escenario incluido</translation>
    </message>
    <message>
        <location filename="../lab.py" line="116"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <location filename="../lab.py" line="118"/>
        <source>Lab status</source>
        <translation>Estado del laboratorio</translation>
    </message>
    <message>
        <location filename="../lab.py" line="119"/>
        <source>Open a scenario file (or paste one) to start.</source>
        <translation>Abra un archivo de escenario (o pegue uno) para empezar.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="136"/>
        <location filename="../lab.py" line="239"/>
        <source>Open a scenario file to see its diagram.</source>
        <translation>Abra un archivo de escenario para ver su diagrama.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="138"/>
        <source>Example results</source>
        <translation>Resultados de los ejemplos</translation>
    </message>
    <message>
        <location filename="../lab.py" line="147"/>
        <source>What is being played</source>
        <translation>Qué se está probando</translation>
    </message>
    <message>
        <location filename="../lab.py" line="149"/>
        <source>Play transcript</source>
        <translation>Transcripción de la prueba</translation>
    </message>
    <message>
        <location filename="../lab.py" line="151"/>
        <source>Reply to the customer and press Enter</source>
        <translation>Responda al cliente y pulse Intro</translation>
    </message>
    <message>
        <location filename="../lab.py" line="152"/>
        <source>Your reply</source>
        <translation>Su respuesta</translation>
    </message>
    <message>
        <location filename="../lab.py" line="155"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../lab.py" line="157"/>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../lab.py" line="170"/>
        <source>Diagram</source>
        <translation>Diagrama</translation>
    </message>
    <message>
        <location filename="../lab.py" line="171"/>
        <source>Examples</source>
        <translation>Ejemplos</translation>
    </message>
    <message>
        <location filename="../lab.py" line="172"/>
        <source>Play</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <location filename="../lab.py" line="195"/>
        <source>Open scenario</source>
        <translation>Abrir escenario</translation>
    </message>
    <message>
        <location filename="../lab.py" line="196"/>
        <source>Scenarios (*.yaml *.yml)</source>
        <translation>Escenarios (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../lab.py" line="250"/>
        <source>Your training centre&apos;s scenario: read-only. To change it, save a copy; it goes to your scenario folder ({folder}) and the library lists it beside the centre&apos;s.</source>
        <translation>Escenario de tu centro de formación: solo lectura. Para cambiarlo, guarda una copia; va a tu carpeta de escenarios ({folder}) y la biblioteca la muestra junto a los del centro.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="255"/>
        <source>Bundled with Temper: read-only. To change it, save a copy; it goes to your scenario folder ({folder}) and the library lists it beside the bundled ones.</source>
        <translation>Incluido con Temper: solo lectura. Para cambiarlo, guarde una copia; va a su carpeta de escenarios ({folder}) y la biblioteca la muestra junto a los incluidos.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="259"/>
        <source>Scenario lab — {file} (read-only)</source>
        <translation>Laboratorio de escenarios: {file} (solo lectura)</translation>
    </message>
    <message>
        <location filename="../lab.py" line="260"/>
        <source>Scenario lab — {file}</source>
        <translation>Laboratorio de escenarios: {file}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="289"/>
        <source>{file}: bundled scenarios are read-only; save the copy in your scenario folder, {folder}.</source>
        <translation>{file}: los escenarios incluidos son de solo lectura; guarde la copia en su carpeta de escenarios, {folder}.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="293"/>
        <source>{file}: your training centre&apos;s scenarios are read-only; save the copy in your scenario folder, {folder}.</source>
        <translation>{file}: los escenarios de tu centro de formación son de solo lectura; guarda la copia en tu carpeta de escenarios, {folder}.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="302"/>
        <source>{folder}: cannot make the folder: {error}</source>
        <translation>{folder}: no se puede crear la carpeta: {error}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="318"/>
        <source>Saved a copy as {file} (id {id}); the library lists it with your scenarios.</source>
        <translation>Copia guardada como {file} (id {id}); la biblioteca la muestra con sus escenarios.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="320"/>
        <source>Saved a copy as {file} (id {id}); the library lists it.</source>
        <translation>Copia guardada como {file} (id {id}); la biblioteca la muestra.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="326"/>
        <source>Save a copy of the scenario</source>
        <translation>Guardar una copia del escenario</translation>
    </message>
    <message>
        <location filename="../lab.py" line="327"/>
        <source>Scenarios (*.yaml)</source>
        <translation>Escenarios (*.yaml)</translation>
    </message>
    <message>
        <location filename="../lab.py" line="334"/>
        <source>{file}: cannot save: {reason}</source>
        <translation>{file}: no se puede guardar: {reason}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="360"/>
        <source>this scenario</source>
        <translation>este escenario</translation>
    </message>
    <message>
        <location filename="../lab.py" line="362"/>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <location filename="../lab.py" line="362"/>
        <source>Save your changes to {name}?</source>
        <translation>¿Guardar los cambios en {name}?</translation>
    </message>
    <message>
        <location filename="../lab.py" line="388"/>
        <source>{file} changed on disk; save to overwrite it, or reopen it to take the other version.</source>
        <translation>{file} ha cambiado en el disco; guarde para sobrescribirlo, o vuelva a abrirlo para tomar la otra versión.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="414"/>
        <source>Line {line}, column {column}: {problem}</source>
        <translation>Línea {line}, columna {column}: {problem}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="418"/>
        <source>this text</source>
        <translation>este texto</translation>
    </message>
    <message>
        <location filename="../lab.py" line="426"/>
        <source>Valid: {title} ({language}, {channel}, {difficulty}, format {format}).</source>
        <translation>Válido: {title} ({language}, {channel}, {difficulty}, formato {format}).</translation>
    </message>
    <message>
        <location filename="../lab.py" line="430"/>
        <source>Read-only: Save as… to change it.</source>
        <translation>Solo lectura: Guardar como… para cambiarlo.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="433"/>
        <source>1 problem</source>
        <translation>1 problema</translation>
    </message>
    <message>
        <location filename="../lab.py" line="433"/>
        <source>{count} problems</source>
        <translation>{count} problemas</translation>
    </message>
    <message>
        <location filename="../lab.py" line="436"/>
        <source>{name} has {problems} now; this is its last valid version.</source>
        <translation>{name} tiene ahora {problems}; esta es su última versión válida.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="439"/>
        <source>No diagram: {name} has {problems}. Fix them (see the list under the editor) and the diagram is drawn.</source>
        <translation>Sin diagrama: {name} tiene {problems}. Corríjalos (vea la lista bajo el editor) y se dibujará el diagrama.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="442"/>
        <source>{problems}: the first at line {line}.</source>
        <translation>{problems}: el primero en la línea {line}.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="468"/>
        <source>Fix the problems first: the examples need a valid scenario.</source>
        <translation>Corrija primero los problemas: los ejemplos necesitan un escenario válido.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="474"/>
        <source>Running the examples…</source>
        <translation>Ejecutando los ejemplos…</translation>
    </message>
    <message>
        <location filename="../lab.py" line="488"/>
        <source>line {line}: {example}</source>
        <translation>línea {line}: {example}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="492"/>
        <source>No examples yet: add one that resolves and one that escalates.</source>
        <translation>Todavía no hay ejemplos: añada uno que se resuelva y otro que escale.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="497"/>
        <source>{passed} of {total} examples reach their ending.</source>
        <translation>{passed} de {total} ejemplos llegan a su final.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="505"/>
        <source>The examples could not be played: {reason}</source>
        <translation>No se han podido jugar los ejemplos: {reason}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="510"/>
        <location filename="../lab.py" line="514"/>
        <source>The text has changed since these ran: run the examples again.</source>
        <translation>El texto ha cambiado desde que se probaron: pruebe los ejemplos otra vez.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="521"/>
        <source>Saved, but the file has problems: play continues with the last valid version.</source>
        <translation>Guardado, pero el archivo tiene problemas: la prueba sigue con la última versión válida.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="526"/>
        <source>Reloaded after save</source>
        <translation>Recargado después de guardar</translation>
    </message>
    <message>
        <location filename="../lab.py" line="528"/>
        <source>Saved and reloaded: {title}.</source>
        <translation>Guardado y recargado: {title}.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="553"/>
        <source>Open a valid scenario to play it.</source>
        <translation>Abra un escenario válido para probarlo.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="562"/>
        <source>You:</source>
        <translation>Usted:</translation>
    </message>
    <message>
        <location filename="../lab.py" line="569"/>
        <source>Ending: {outcome}</source>
        <translation>Final: {outcome}</translation>
    </message>
    <message>
        <location filename="../lab.py" line="583"/>
        <source>Nothing to play: open a valid scenario file.</source>
        <translation>Nada que probar: abra un archivo de escenario válido.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="584"/>
        <source>{file} cannot be played until its problems are fixed and it is saved.</source>
        <translation>{file} no se puede probar hasta que se corrijan sus problemas y se guarde.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="590"/>
        <source>Playing {name} as saved: your unsaved edits are played once you save.</source>
        <translation>Probando {name} tal como está guardado: sus cambios sin guardar se prueban al guardar.</translation>
    </message>
    <message>
        <location filename="../lab.py" line="591"/>
        <source>Playing {name} as saved.</source>
        <translation>Probando {name} tal como está guardado.</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <location filename="../history_view.py" line="68"/>
        <source>Scores over time chart</source>
        <translation>Gráfico de puntuaciones a lo largo del tiempo</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="72"/>
        <source>Your scores over time</source>
        <translation>Sus puntuaciones a lo largo del tiempo</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="81"/>
        <source>session, oldest first</source>
        <translation>sesión, de la más antigua a la más reciente</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="113"/>
        <source> from {first} to {last}</source>
        <translation> del {first} al {last}</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="118"/>
        <source>Scores of {count} sessions{span}, oldest first: </source>
        <translation>Puntuaciones de {count} sesiones{span}, de la más antigua a la más reciente: </translation>
    </message>
    <message>
        <location filename="../history_view.py" line="119"/>
        <source>none yet</source>
        <translation>todavía ninguna</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <location filename="../controller.py" line="253"/>
        <source>The exam needs the results database, which cannot be used: {error}</source>
        <translation>El examen necesita la base de datos de resultados, que no se puede usar: {error}</translation>
    </message>
    <message>
        <location filename="../controller.py" line="257"/>
        <source>{trainee} is already sitting live elsewhere: {what} (process {pid} on {host}, since {since}; last heard from {heard} s ago).

Finish or stop that one first (type /quit in its terminal, or end the session in that desktop). If it is gone for good, try again in {wait} s.</source>
        <translation>{trainee} ya está haciendo una sesión en directo en otro sitio: {what} (proceso {pid} en {host}, desde {since}; última señal hace {heard} s).

Termine o detenga esa primero (escriba /quit en su terminal, o termine la sesión en ese escritorio). Si ya no existe, vuelva a intentarlo dentro de {wait} s.</translation>
    </message>
    <message>
        <location filename="../controller.py" line="328"/>
        <source>choose a scenario first</source>
        <translation>elija primero un escenario</translation>
    </message>
    <message>
        <location filename="../controller.py" line="332"/>
        <source>your reply is still being read: wait for the customer&apos;s answer</source>
        <translation>su respuesta todavía se está leyendo: espere a la contestación del cliente</translation>
    </message>
    <message>
        <location filename="../controller.py" line="335"/>
        <source>the customer is still typing: wait for their message</source>
        <translation>el cliente sigue escribiendo: espere a su mensaje</translation>
    </message>
    <message>
        <location filename="../controller.py" line="382"/>
        <source>the reply could not be judged ({error}); it is still here: send it again</source>
        <translation>no se pudo evaluar la respuesta ({error}); sigue aquí: envíela de nuevo</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <location filename="../session_view.py" line="41"/>
        <source>Mode</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="45"/>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="55"/>
        <source>See your &amp;report</source>
        <translation>Ver su &amp;informe</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="56"/>
        <source>See your report</source>
        <translation>Ver su informe</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="115"/>
        <source>Exam: no coaching, no meter until the end</source>
        <translation>Examen: sin consejos ni medidor hasta el final</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="116"/>
        <source>Practice: coaching after each reply</source>
        <translation>Práctica: consejos después de cada respuesta</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="135"/>
        <source>hidden in exam mode until the end</source>
        <translation>oculto en modo examen hasta el final</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="186"/>
        <source>the conversation is over ({outcome})</source>
        <translation>la conversación ha terminado ({outcome})</translation>
    </message>
</context>
<context>
    <name>StoreWorker</name>
    <message>
        <location filename="../store_worker.py" line="65"/>
        <source>History could not be saved: {error}</source>
        <translation>No se pudo guardar el historial: {error}</translation>
    </message>
</context>
</TS>
