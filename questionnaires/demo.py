"""Demonstration data of the questionnaire cycle: the recommendations adopted at the 31st HONLAC meeting, the
questionnaire of the 32nd meeting on their implementation, and the responses of seven States.

Loading is idempotent. A response that already stands as the demo has it (same answers, same status, same
history) is left alone, versions and times included; any other response of the questionnaire is deleted and, for
a demo State, entered again through the services, so that its versions are again those of the demo.
"""

import datetime

from django.db import transaction

from accounts.models import User
from meetings.models import Meeting, MemberState

from . import services
from .models import (
    Answer,
    Attachment,
    ImplementationStatus,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
    Topic,
)

IMPLEMENTED = ImplementationStatus.IMPLEMENTED
PARTIALLY = ImplementationStatus.PARTIALLY
NOT_YET = ImplementationStatus.NOT_YET
NOT_APPLICABLE = ImplementationStatus.NOT_APPLICABLE
BLANK = ("", "")

# Recommendations adopted at the 31st meeting, four under each working-group topic, in the order of the topics.
RECOMMENDATIONS_31 = [
    # Synthetic drugs and new psychoactive substances: early warning and regional responses
    (
        "Governments should establish or strengthen national early warning systems on new psychoactive substances "
        "that link law enforcement agencies, forensic laboratories and health authorities, and should share their "
        "findings through the UNODC Early Warning Advisory on New Psychoactive Substances.",
        "Les gouvernements devraient créer ou renforcer des systèmes nationaux d'alerte précoce sur les nouvelles "
        "substances psychoactives reliant les services de détection et de répression, les laboratoires de police "
        "scientifique et les autorités sanitaires, et communiquer leurs constatations par l'intermédiaire du "
        "Système d'alerte précoce de l'ONUDC sur les nouvelles substances psychoactives.",
        "Los gobiernos deberían establecer o fortalecer sistemas nacionales de alerta temprana sobre nuevas "
        "sustancias psicoactivas que vinculen a los organismos encargados de hacer cumplir la ley, los laboratorios "
        "forenses y las autoridades sanitarias, y dar a conocer sus conclusiones por conducto del Sistema de Alerta "
        "Temprana de la UNODC sobre Nuevas Sustancias Psicoactivas.",
    ),
    (
        "Governments should strengthen the control of precursor chemicals, including non-scheduled substances and "
        "designer precursors used in the illicit manufacture of synthetic drugs, by making full use of the "
        "Pre-Export Notification Online (PEN Online) system and the Precursors Incident Communication System (PICS) "
        "of the International Narcotics Control Board.",
        "Les gouvernements devraient renforcer le contrôle des précurseurs chimiques, y compris des substances non "
        "placées sous contrôle et des précurseurs sur mesure utilisés dans la fabrication illicite de drogues de "
        "synthèse, en tirant pleinement parti du système électronique d'échange de notifications préalables à "
        "l'exportation (PEN Online) et du Système de notification des incidents concernant les précurseurs (PICS) "
        "de l'Organe international de contrôle des stupéfiants.",
        "Los gobiernos deberían reforzar la fiscalización de los precursores químicos, incluidas las sustancias no "
        "sometidas a fiscalización y los precursores de diseño utilizados en la fabricación ilícita de drogas "
        "sintéticas, aprovechando plenamente el Sistema Electrónico de Intercambio de Notificaciones Previas a la "
        "Exportación (PEN Online) y el Sistema de Comunicación de Incidentes relacionados con Precursores (PICS) de "
        "la Junta Internacional de Fiscalización de Estupefacientes.",
    ),
    (
        "Governments should train front-line officers, including customs, police, postal and courier inspection "
        "staff, to detect and safely handle synthetic drugs, new psychoactive substances and fentanyl and its "
        "analogues, and should provide them with field-testing and protective equipment.",
        "Les gouvernements devraient former les agents de première ligne, notamment ceux des douanes, de la police "
        "et des services d'inspection des envois postaux et de messagerie express, à la détection et à la "
        "manipulation sans danger des drogues de synthèse, des nouvelles substances psychoactives ainsi que du "
        "fentanyl et de ses analogues, et les doter de matériel d'analyse sur le terrain et d'équipements de "
        "protection.",
        "Los gobiernos deberían capacitar al personal de primera línea, incluidos los funcionarios de aduanas, de "
        "policía y de los servicios de inspección postal y de mensajería urgente, para detectar y manipular de forma "
        "segura las drogas sintéticas, las nuevas sustancias psicoactivas y el fentanilo y sus análogos, y dotarlo "
        "de equipos de análisis sobre el terreno y de protección.",
    ),
    (
        "Governments should promote cooperation with the private sector, in particular the chemical and "
        "pharmaceutical industries, online marketplaces and postal and courier services, in order to prevent the "
        "diversion of precursors and the sale of synthetic drugs through the Internet.",
        "Les gouvernements devraient favoriser la coopération avec le secteur privé, en particulier les industries "
        "chimique et pharmaceutique, les plateformes de vente en ligne et les services postaux et de messagerie "
        "express, afin de prévenir le détournement de précurseurs et la vente de drogues de synthèse sur Internet.",
        "Los gobiernos deberían promover la cooperación con el sector privado, en particular con las industrias "
        "química y farmacéutica, las plataformas de comercio electrónico y los servicios postales y de mensajería "
        "urgente, a fin de prevenir la desviación de precursores y la venta de drogas sintéticas por Internet.",
    ),
    # Maritime and port trafficking: container control and cooperation between agencies
    (
        "Governments should establish or strengthen port control units composed of customs, police and other "
        "relevant agencies in their main seaports and should consider joining the UNODC-WCO Container Control "
        "Programme where they have not yet done so.",
        "Les gouvernements devraient créer ou renforcer, dans leurs principaux ports maritimes, des unités de "
        "contrôle portuaire composées d'agents des douanes, de la police et des autres services compétents, et "
        "envisager de participer au Programme de contrôle des conteneurs ONUDC-OMD s'ils ne l'ont pas encore fait.",
        "Los gobiernos deberían establecer o fortalecer en sus principales puertos marítimos unidades de control "
        "portuario integradas por funcionarios de aduanas, de policía y de otros organismos competentes, y "
        "considerar la posibilidad de sumarse al Programa de Fiscalización de Contenedores UNODC-OMA, si aún no lo "
        "han hecho.",
    ),
    (
        "Governments should strengthen interdiction at international airports through joint airport interdiction "
        "task forces and the systematic use of advance passenger information and passenger name record data to "
        "identify high-risk passengers, cargo and mail.",
        "Les gouvernements devraient renforcer les contrôles dans les aéroports internationaux au moyen de cellules "
        "aéroportuaires anti-trafics conjointes et de l'utilisation systématique des informations préalables sur "
        "les voyageurs et des données des dossiers passagers pour repérer les passagers, le fret et le courrier à "
        "haut risque.",
        "Los gobiernos deberían reforzar la interdicción en los aeropuertos internacionales mediante grupos "
        "conjuntos de interdicción aeroportuaria y el uso sistemático de la información anticipada sobre pasajeros "
        "y del registro de nombres de los pasajeros para detectar pasajeros, carga y correo de alto riesgo.",
    ),
    (
        "Governments should make greater use of controlled deliveries and joint investigations with the countries "
        "of origin, transit and destination of containerized shipments, and should remove the legal and procedural "
        "obstacles to such operations.",
        "Les gouvernements devraient recourir davantage aux livraisons surveillées et aux enquêtes conjointes avec "
        "les pays d'origine, de transit et de destination des envois conteneurisés, et lever les obstacles "
        "juridiques et procéduraux qui entravent ces opérations.",
        "Los gobiernos deberían recurrir en mayor medida a las entregas vigiladas y a las investigaciones conjuntas "
        "con los países de origen, tránsito y destino de los envíos en contenedores, y eliminar los obstáculos "
        "jurídicos y de procedimiento que dificultan esas operaciones.",
    ),
    (
        "Governments should take measures to prevent and detect corruption and the infiltration of criminal "
        "organizations in ports, including the vetting of port and terminal staff, control of access to restricted "
        "areas and the use of scanners and security seals, in cooperation with port operators and shipping "
        "companies.",
        "Les gouvernements devraient prendre des mesures pour prévenir et détecter la corruption et l'infiltration "
        "des organisations criminelles dans les ports, notamment la vérification des antécédents du personnel des "
        "ports et des terminaux, le contrôle de l'accès aux zones réglementées et l'utilisation de scanners et de "
        "scellés de sécurité, en coopération avec les exploitants portuaires et les compagnies maritimes.",
        "Los gobiernos deberían adoptar medidas para prevenir y detectar la corrupción y la infiltración de "
        "organizaciones delictivas en los puertos, entre ellas la verificación de antecedentes del personal "
        "portuario y de las terminales, el control del acceso a las zonas restringidas y el uso de escáneres y "
        "precintos de seguridad, en cooperación con los operadores portuarios y las empresas navieras.",
    ),
    # Financial investigations, money-laundering and the confiscation of proceeds of crime
    (
        "Governments should ensure that a parallel financial investigation is opened in every significant drug "
        "trafficking case and should, to that end, strengthen cooperation between drug law enforcement agencies, "
        "financial intelligence units and prosecution services.",
        "Les gouvernements devraient veiller à ce qu'une enquête financière parallèle soit ouverte dans toute "
        "affaire importante de trafic de drogues et, à cette fin, renforcer la coopération entre les services de "
        "détection et de répression en matière de drogues, les cellules de renseignement financier et les services "
        "de poursuite.",
        "Los gobiernos deberían velar por que se inicie una investigación financiera paralela en todo caso "
        "importante de tráfico de drogas y, con ese fin, reforzar la cooperación entre los organismos encargados de "
        "combatir el tráfico de drogas, las unidades de inteligencia financiera y las fiscalías.",
    ),
    (
        "Governments should review their legislation to allow the identification, freezing, seizure and "
        "confiscation of the proceeds of drug trafficking, including non-conviction-based confiscation where "
        "consistent with their legal systems, and should establish asset management offices to preserve the value "
        "of seized assets.",
        "Les gouvernements devraient revoir leur législation afin de permettre l'identification, le gel, la saisie "
        "et la confiscation du produit du trafic de drogues, y compris la confiscation sans condamnation lorsque "
        "cela est compatible avec leur système juridique, et créer des bureaux de gestion des avoirs chargés de "
        "préserver la valeur des biens saisis.",
        "Los gobiernos deberían revisar su legislación a fin de permitir la identificación, el embargo preventivo, "
        "la incautación y el decomiso del producto del tráfico de drogas, incluido el decomiso sin que medie "
        "condena cuando ello sea compatible con su ordenamiento jurídico, y crear oficinas de administración de "
        "bienes que preserven el valor de los bienes incautados.",
    ),
    (
        "Governments should make full use of regional platforms for the secure exchange of operational "
        "information, such as AMERIPOL, the INTERPOL I-24/7 system and the Asset Recovery Network of GAFILAT, and "
        "should designate contact points able to answer requests promptly.",
        "Les gouvernements devraient tirer pleinement parti des plateformes régionales d'échange sécurisé "
        "d'informations opérationnelles, telles qu'AMERIPOL, le système I-24/7 d'INTERPOL et le Réseau de "
        "recouvrement d'avoirs du GAFILAT, et désigner des points de contact en mesure de répondre rapidement aux "
        "demandes.",
        "Los gobiernos deberían aprovechar plenamente las plataformas regionales de intercambio seguro de "
        "información operativa, como AMERIPOL, el sistema I-24/7 de INTERPOL y la Red de Recuperación de Activos "
        "del GAFILAT, y designar puntos de contacto capaces de responder con prontitud a las solicitudes.",
    ),
    (
        "Governments should provide investigators, prosecutors and judges with specialized training on the "
        "investigation of money-laundering through virtual assets, trade-based money-laundering and other emerging "
        "methods, and should seek the technical assistance of UNODC to that end.",
        "Les gouvernements devraient dispenser aux enquêteurs, aux procureurs et aux juges une formation spécialisée "
        "sur les enquêtes relatives au blanchiment d'argent au moyen d'actifs virtuels, au blanchiment d'argent "
        "par des opérations commerciales et aux autres méthodes nouvelles, et solliciter à cette fin l'assistance "
        "technique de l'ONUDC.",
        "Los gobiernos deberían impartir a los investigadores, fiscales y jueces capacitación especializada en la "
        "investigación del blanqueo de dinero mediante activos virtuales, el blanqueo de dinero basado en el "
        "comercio y otros métodos emergentes, y solicitar con ese fin la asistencia técnica de la UNODC.",
    ),
]
RECOMMENDATIONS_PER_TOPIC = 4

INTRODUCTION_32 = {
    "en": (
        "This questionnaire is intended to help the secretariat review the progress made by Governments in "
        "implementing the recommendations adopted by the Thirty-first Meeting of Heads of National Drug Law "
        "Enforcement Agencies, Latin America and the Caribbean, held in Quito from 3 to 6 October 2023. For each "
        "recommendation, please indicate the status of its implementation and describe the measures taken; two "
        "general questions follow.\n\n"
        "The responses received will be posted on the secure web page of the Thirty-second Meeting and brought to "
        "the attention of participants in a note by the secretariat transmitting them."
    ),
    "fr": (
        "Le présent questionnaire vise à aider le secrétariat à faire le point sur les progrès accomplis par les "
        "gouvernements dans l'application des recommandations adoptées à la trente et unième Réunion des chefs des "
        "services chargés au plan national de la lutte contre le trafic illicite des drogues, Amérique latine et "
        "Caraïbes, tenue à Quito du 3 au 6 octobre 2023. Pour chaque recommandation, veuillez indiquer où en est "
        "son application et décrire les mesures prises. Deux questions d'ordre général figurent à la fin.\n\n"
        "Les réponses reçues seront publiées sur la page Web sécurisée de la trente-deuxième Réunion et portées à "
        "l'attention des participants dans une note de transmission du secrétariat."
    ),
    "es": (
        "El presente cuestionario tiene por objeto ayudar a la secretaría a examinar los progresos realizados por "
        "los gobiernos en la aplicación de las recomendaciones aprobadas en la Trigésima Primera Reunión de Jefes de "
        "los Organismos Nacionales Encargados de Combatir el Tráfico Ilícito de Drogas, América Latina y el Caribe, "
        "celebrada en Quito del 3 al 6 de octubre de 2023. Sírvanse indicar, para cada recomendación, su grado de "
        "aplicación y describir las medidas adoptadas; al final figuran dos preguntas de carácter general.\n\n"
        "Las respuestas recibidas se publicarán en la página web segura de la Trigésima Segunda Reunión y se "
        "señalarán a la atención de los participantes en una nota de transmisión de la secretaría."
    ),
}
DEADLINE_32 = datetime.date(2024, 8, 30)
OPENED_32 = datetime.datetime(2024, 5, 15, 9, 0, tzinfo=datetime.UTC)

GENERAL_QUESTIONS_32 = [
    (
        "What are the main difficulties that your Government has encountered in implementing the recommendations, "
        "and how is it addressing them?",
        "Quelles sont les principales difficultés que votre gouvernement a rencontrées dans l'application des "
        "recommandations, et comment y remédie-t-il ?",
        "¿Cuáles son las principales dificultades que ha encontrado su Gobierno para aplicar las recomendaciones y "
        "cómo las está afrontando?",
    ),
    (
        "What technical assistance, including training and equipment, would your Government need to implement the "
        "recommendations more fully?",
        "De quelle assistance technique, y compris en matière de formation et d'équipement, votre gouvernement "
        "aurait-il besoin pour mieux appliquer les recommandations ?",
        "¿Qué asistencia técnica, incluidas la capacitación y el equipo, necesitaría su Gobierno para aplicar las "
        "recomendaciones de manera más plena?",
    ),
]

# Per State: the status its response stands in, the answer to each recommendation (status, measures taken) in the
# order of their numbers, and the answers to the general questions, in the language the State writes in.
RESPONSES_32 = {
    "ECU": (
        Response.Status.POSTED,
        [
            (
                PARTIALLY,
                "En 2024 se conformó una mesa técnica de alerta temprana integrada por la Policía Nacional, el "
                "laboratorio de criminalística y el Ministerio de Salud Pública. Se notificaron dos nuevas "
                "sustancias a la UNODC; falta aún un marco normativo que formalice el sistema.",
            ),
            (
                IMPLEMENTED,
                "La Policía Nacional y el Servicio Nacional de Aduana del Ecuador utilizan PEN Online y PICS de "
                "forma sistemática. Se actualizó la lista nacional de sustancias catalogadas sujetas a fiscalización.",
            ),
            (
                PARTIALLY,
                "Con apoyo de la UNODC se capacitó a 180 servidores de aduanas y de policía en la detección de "
                "drogas sintéticas. Los aeropuertos de Quito y Guayaquil cuentan con espectrómetros portátiles; los "
                "pasos fronterizos terrestres aún no.",
            ),
            (
                NOT_YET,
                "Se prevé suscribir en el segundo semestre de 2024 un acuerdo de cooperación con las empresas de "
                "mensajería urgente.",
            ),
            (
                IMPLEMENTED,
                "Las unidades de control portuario de Guayaquil y Posorja funcionan en el marco del Programa de "
                "Fiscalización de Contenedores UNODC-OMA, con personal de la Policía Nacional y de la Aduana.",
            ),
            (
                PARTIALLY,
                "El grupo conjunto de interdicción aeroportuaria de Guayaquil está operativo y el de Quito se "
                "encuentra en proceso de conformación. El acceso al registro de nombres de los pasajeros requiere una "
                "reforma normativa.",
            ),
            (
                IMPLEMENTED,
                "En 2023 se realizaron cinco entregas vigiladas internacionales con países de Europa y de la región, "
                "conforme al Código Orgánico Integral Penal.",
            ),
            (
                PARTIALLY,
                "Se implementaron la verificación de antecedentes del personal y un sistema de control de accesos en "
                "las terminales de Guayaquil. Está pendiente extender estas medidas a los puertos privados.",
            ),
            (
                PARTIALLY,
                "La Unidad de Análisis Financiero y Económico (UAFE) y la Fiscalía General del Estado suscribieron "
                "un protocolo de intercambio de información. Las investigaciones financieras paralelas todavía no "
                "son sistemáticas.",
            ),
            (
                IMPLEMENTED,
                "La Ley Orgánica de Extinción de Dominio permite el decomiso sin condena penal, y los bienes "
                "incautados son administrados por una entidad pública especializada.",
            ),
            (
                IMPLEMENTED,
                "La Policía Nacional utiliza AMERIPOL y el sistema I-24/7 de INTERPOL y ha designado un punto de "
                "contacto ante la Red de Recuperación de Activos del GAFILAT.",
            ),
            (
                NOT_YET,
                "Se solicitó a la UNODC un curso sobre la investigación de activos virtuales, previsto para el "
                "segundo semestre de 2024.",
            ),
        ],
        [
            "La falta de personal especializado, la rotación frecuente de los funcionarios capacitados y la limitada "
            "capacidad de inspección no intrusiva frente al volumen de contenedores de los puertos.",
            "Escáneres de contenedores, capacitación en el análisis forense de drogas sintéticas y en la "
            "investigación de activos virtuales.",
        ],
    ),
    "MEX": (
        Response.Status.POSTED,
        [
            (
                IMPLEMENTED,
                "El Sistema de Alerta Temprana integra desde 2023 a la Fiscalía General de la República (FGR), a los "
                "laboratorios periciales y a la COFEPRIS, y comparte sus hallazgos con la UNODC.",
            ),
            (
                IMPLEMENTED,
                "La COFEPRIS y la Agencia Nacional de Aduanas de México utilizan PEN Online en todas las operaciones "
                "de comercio exterior de precursores. En 2023 se sometieron a control nuevos precursores del "
                "fentanilo y se notificaron incidentes por medio de PICS.",
            ),
            (
                PARTIALLY,
                "La Guardia Nacional y la Agencia Nacional de Aduanas capacitaron a más de 1200 elementos en la "
                "detección y el manejo seguro del fentanilo. La dotación de equipos portátiles de análisis y de "
                "protección sigue siendo insuficiente.",
            ),
            (
                PARTIALLY,
                "Se firmaron convenios de colaboración con empresas de paquetería y mensajería para la inspección de "
                "envíos. La cooperación con las plataformas de comercio electrónico está en fase de diálogo.",
            ),
            (
                IMPLEMENTED,
                "La Secretaría de Marina y la Agencia Nacional de Aduanas operan unidades de control portuario en "
                "Manzanillo y Lázaro Cárdenas en el marco del Programa de Fiscalización de Contenedores.",
            ),
            (
                PARTIALLY,
                "Se fortalecieron los grupos de interdicción de los aeropuertos de la Ciudad de México, Cancún y "
                "Guadalajara. La información anticipada sobre pasajeros se usa de manera sistemática; el registro de "
                "nombres de los pasajeros, solo en parte.",
            ),
            (
                IMPLEMENTED,
                "La FGR realizó entregas vigiladas coordinadas con los Estados Unidos de América, Colombia y países "
                "de Europa, conforme al Código Nacional de Procedimientos Penales.",
            ),
            (
                PARTIALLY,
                "El personal de aduanas y de las administraciones portuarias se somete a evaluaciones de control de "
                "confianza. Está en curso la instalación de nuevos equipos de rayos X y de precintos electrónicos.",
            ),
            (
                IMPLEMENTED,
                "La Unidad de Inteligencia Financiera (UIF) y la FGR abren investigaciones patrimoniales paralelas en "
                "los casos de delincuencia organizada vinculados a las drogas, con base en un protocolo conjunto.",
            ),
            (
                IMPLEMENTED,
                "La Ley Nacional de Extinción de Dominio permite el decomiso sin condena, y el Instituto para "
                "Devolver al Pueblo lo Robado administra los bienes asegurados.",
            ),
            (
                IMPLEMENTED,
                "México participa en AMERIPOL, INTERPOL y la Red de Recuperación de Activos del GAFILAT, con puntos "
                "de contacto designados en la FGR y la UIF.",
            ),
            (
                PARTIALLY,
                "La UIF impartió cursos sobre activos virtuales a fiscales y analistas. La capacitación de jueces "
                "está prevista para 2025.",
            ),
        ],
        [
            "El volumen del tráfico de precursores y la rápida aparición de nuevos análogos del fentanilo superan "
            "la capacidad de los laboratorios periciales. La coordinación entre las autoridades federales y "
            "estatales sigue siendo un reto.",
            "Fortalecimiento de los laboratorios periciales para la identificación de nuevas sustancias y "
            "capacitación en investigaciones sobre activos virtuales.",
        ],
    ),
    "PER": (
        Response.Status.POSTED,
        [
            (
                NOT_YET,
                "El Perú no cuenta aún con un sistema nacional de alerta temprana formalizado. DEVIDA elabora una "
                "propuesta con el Ministerio de Salud y la Policía Nacional del Perú.",
            ),
            (
                IMPLEMENTED,
                "La SUNAT controla los insumos químicos y productos fiscalizados mediante un registro único y utiliza "
                "PEN Online en todas las exportaciones. Los incidentes se notifican por medio de PICS.",
            ),
            (
                PARTIALLY,
                "La Dirección Antidrogas (DIRANDRO) capacitó a su personal del aeropuerto Jorge Chávez y del puerto "
                "del Callao en la detección de drogas sintéticas. Se requiere más equipamiento de campo.",
            ),
            (
                NOT_APPLICABLE,
                "No se ha detectado en el país la venta de drogas sintéticas ni de precursores por Internet; la "
                "situación se sigue de cerca.",
            ),
            (
                PARTIALLY,
                "El puerto del Callao cuenta con una unidad de control portuario del Programa de Fiscalización de "
                "Contenedores; los puertos de Paita y Chancay aún no.",
            ),
            (
                IMPLEMENTED,
                "El grupo conjunto de interdicción aeroportuaria del aeropuerto Jorge Chávez opera con la DIRANDRO, "
                "la SUNAT y la Superintendencia Nacional de Migraciones, y utiliza la información anticipada sobre "
                "pasajeros.",
            ),
            (
                IMPLEMENTED,
                "La Fiscalía Especializada en Delitos de Tráfico Ilícito de Drogas autorizó en 2023 varias entregas "
                "vigiladas internacionales en coordinación con autoridades europeas.",
            ),
            (
                NOT_YET,
                "Se elaboró un proyecto de protocolo de integridad para el personal portuario, pendiente de "
                "aprobación.",
            ),
            (
                PARTIALLY,
                "La UIF-Perú apoya a las fiscalías en los casos de lavado de activos vinculados al tráfico de drogas, "
                "pero las investigaciones financieras paralelas no se inician de forma sistemática.",
            ),
            (
                IMPLEMENTED,
                "El Decreto Legislativo 1373 sobre extinción de dominio permite el decomiso sin condena, y el "
                "Programa Nacional de Bienes Incautados (PRONABI) administra los bienes.",
            ),
            (
                IMPLEMENTED,
                "La Policía Nacional del Perú utiliza los canales de AMERIPOL e INTERPOL y participa en la Red de "
                "Recuperación de Activos del GAFILAT.",
            ),
            (
                PARTIALLY,
                "Con apoyo de la UNODC se realizó un taller sobre criptoactivos para fiscales y policías. Es "
                "necesario extender la capacitación a los jueces.",
            ),
        ],
        [
            "La extensión de las fronteras y del litoral, la limitada capacidad de los laboratorios y la "
            "insuficiente coordinación entre instituciones.",
            "Apoyo para crear el sistema nacional de alerta temprana y para dotar de escáneres a los puertos del "
            "norte del país.",
        ],
    ),
    "ARG": (
        Response.Status.POSTED,
        [
            (
                IMPLEMENTED,
                "El Sistema de Alerta Temprana de la SEDRONAR integra a las fuerzas federales, los laboratorios "
                "forenses y los servicios de salud, y emite alertas sobre las nuevas sustancias detectadas. La "
                "información se comparte con la UNODC.",
            ),
            (
                IMPLEMENTED,
                "El Registro Nacional de Precursores Químicos (RENPRE) utiliza PEN Online en todas las operaciones de "
                "comercio exterior y notifica los incidentes por medio de PICS.",
            ),
            (
                PARTIALLY,
                "Se capacitó a personal de la Policía Federal Argentina, la Gendarmería Nacional y la Aduana en la "
                "detección de drogas sintéticas. La provisión de equipos de protección personal está en curso.",
            ),
            (
                PARTIALLY,
                "Se firmó un convenio con el Correo Argentino para la detección de envíos sospechosos. La "
                "cooperación con las plataformas de comercio electrónico se limita a pedidos puntuales.",
            ),
            (
                PARTIALLY,
                "La Aduana y la Prefectura Naval Argentina operan una unidad conjunta de control de contenedores en "
                "el puerto de Buenos Aires. Se evalúa la adhesión al Programa de Fiscalización de Contenedores para "
                "los puertos del río Paraná.",
            ),
            (
                NOT_YET,
                "La conformación de grupos conjuntos de interdicción en los aeropuertos está en estudio. La "
                "información anticipada sobre pasajeros se utiliza solo en vuelos seleccionados.",
            ),
            (
                IMPLEMENTED,
                "Las fuerzas federales realizaron entregas vigiladas con países de Europa y del Mercosur conforme a "
                "la Ley 23.737, que regula esta técnica de investigación.",
            ),
            (
                PARTIALLY,
                "Se implementaron controles de acceso y verificación de antecedentes en las terminales portuarias de "
                "Buenos Aires. Falta extenderlos a los puertos privados del río Paraná.",
            ),
            (
                PARTIALLY,
                "La Unidad de Información Financiera y el Ministerio Público Fiscal colaboran en las causas de "
                "narcotráfico, aunque la investigación patrimonial paralela aún no es sistemática en todas las "
                "jurisdicciones.",
            ),
            (
                PARTIALLY,
                "El Código Penal prevé el decomiso y un organismo nacional administra los bienes decomisados. El "
                "Congreso debate un proyecto de ley de extinción de dominio.",
            ),
            (
                IMPLEMENTED,
                "La Argentina participa en AMERIPOL y en la Red de Recuperación de Activos del GAFILAT y utiliza el "
                "sistema I-24/7 de INTERPOL, con puntos de contacto designados.",
            ),
            (
                NOT_YET,
                "Se prevé incorporar módulos sobre activos virtuales a la formación de fiscales en 2025.",
            ),
        ],
        [
            "La coordinación entre las jurisdicciones federal y provinciales y la falta de recursos para equipar los "
            "puertos fluviales.",
            "Asistencia técnica en el análisis de imágenes de escáneres de contenedores y en la investigación de "
            "activos virtuales.",
        ],
    ),
    "CHL": (
        Response.Status.POSTED,
        [
            (
                PARTIALLY,
                "El Sistema de Alerta Temprana de Drogas, coordinado por el SENDA, reúne a las policías, el Instituto "
                "de Salud Pública y el Ministerio Público. Falta conectar de manera sistemática a los laboratorios "
                "regionales.",
            ),
            (
                IMPLEMENTED,
                "El Registro Especial de Usuarios de Sustancias Químicas Controladas está plenamente operativo y el "
                "Servicio Nacional de Aduanas utiliza PEN Online y PICS.",
            ),
            (
                IMPLEMENTED,
                "La Policía de Investigaciones (PDI) y Carabineros capacitaron a su personal de frontera en la "
                "detección y el manejo seguro de drogas sintéticas, y se distribuyeron equipos portátiles de "
                "análisis en los principales pasos fronterizos.",
            ),
            (
                NOT_YET,
                "Se iniciaron conversaciones con las empresas de mensajería; aún no existe un acuerdo formal.",
            ),
            (
                IMPLEMENTED,
                "Las unidades de control portuario de San Antonio y Valparaíso operan en el marco del Programa de "
                "Fiscalización de Contenedores UNODC-OMA, con funcionarios de Aduanas, la PDI y la Autoridad "
                "Marítima.",
            ),
            (
                PARTIALLY,
                "El aeropuerto de Santiago cuenta con un grupo conjunto de interdicción. El uso de la información "
                "anticipada sobre pasajeros está previsto en el nuevo sistema del Servicio Nacional de Migraciones.",
            ),
            (
                IMPLEMENTED,
                "La Ley 20.000 regula las entregas vigiladas; en 2023 se realizaron operaciones coordinadas con "
                "países de la región y de Europa.",
            ),
            (
                PARTIALLY,
                "Aduanas y la Autoridad Marítima reforzaron el control de acceso a los recintos portuarios. Se "
                "estudia la verificación de antecedentes del personal de las empresas concesionarias.",
            ),
            (
                IMPLEMENTED,
                "El Ministerio Público y la Unidad de Análisis Financiero (UAF) aplican un protocolo que exige una "
                "investigación patrimonial en todos los casos de tráfico de drogas a gran escala.",
            ),
            (
                PARTIALLY,
                "La reforma legal de 2023 sobre crimen organizado fortaleció el comiso de bienes. Se estudia la "
                "creación de una entidad especializada en la administración de los bienes incautados.",
            ),
            (
                IMPLEMENTED,
                "Chile utiliza AMERIPOL, el sistema I-24/7 de INTERPOL y la Red de Recuperación de Activos del "
                "GAFILAT, con puntos de contacto en la PDI y el Ministerio Público.",
            ),
            (
                PARTIALLY,
                "La UAF y la Fiscalía impartieron cursos sobre el lavado de activos mediante criptoactivos. El "
                "lavado basado en el comercio aún no se ha abordado.",
            ),
        ],
        [
            "El aumento del tráfico por los puertos del norte y la insuficiencia de equipos de inspección no "
            "intrusiva.",
            "Capacitación sobre el lavado de activos basado en el comercio y sobre la detección de nuevas "
            "sustancias psicoactivas.",
        ],
    ),
    "BRA": (
        Response.Status.SUBMITTED,
        [
            (
                PARTIALLY,
                "The Brazilian Early Warning Subsystem on Drugs, coordinated by SENAD, integrates the forensic "
                "laboratories of the Federal Police and the health authorities. The sharing of data with the UNODC "
                "Early Warning Advisory is being regularized.",
            ),
            (
                IMPLEMENTED,
                "The Federal Police controls chemical products through an integrated national system and uses PEN "
                "Online for all exportations of precursors. Incidents are communicated through PICS.",
            ),
            (
                PARTIALLY,
                "The Federal Police and the Federal Revenue Service trained officers of the main airports and ports. "
                "Field-test kits are still insufficient in the land borders.",
            ),
            (
                PARTIALLY,
                "Cooperation agreements were signed with the Brazilian Post (Correios) and express courier companies. "
                "The dialogue with online marketplaces started in 2024.",
            ),
            (
                IMPLEMENTED,
                "Port control units of the Container Control Programme operate in the ports of Santos and Paranaguá, "
                "with officers of the Federal Revenue Service and the Federal Police.",
            ),
            (
                IMPLEMENTED,
                "Joint airport interdiction task forces operate in the airports of Guarulhos and Galeão and use "
                "advance passenger information and passenger name record data.",
            ),
            (
                IMPLEMENTED,
                "The Federal Police realized controlled deliveries with European countries, as foreseen in Law "
                "11.343/2006 and Law 12.850/2013.",
            ),
            (
                PARTIALLY,
                "The Federal Revenue Service amplified the use of scanners and electronic seals in the port of "
                "Santos. The vetting of terminal workers depends on the private port operators.",
            ),
            (
                PARTIALLY,
                "COAF shares financial intelligence reports with the Federal Police, but parallel financial "
                "investigations are not yet opened in all relevant cases.",
            ),
            (
                IMPLEMENTED,
                "Seized assets can be sold before the final sentence to preserve their value, and the resources are "
                "destined to the National Anti-Drug Fund (FUNAD).",
            ),
            (
                IMPLEMENTED,
                "Brazil participates in AMERIPOL, INTERPOL and the GAFILAT Asset Recovery Network, with contact "
                "points in the Federal Police.",
            ),
            (
                NOT_YET,
                "A training program on virtual assets for police officers and prosecutors is in elaboration with the "
                "support of UNODC.",
            ),
        ],
        [
            "The continental dimension of the country and its extensive borders, together with the high volume of "
            "containers in the ports.",
            "Technical assistance in the analysis of scanner images and in investigations involving virtual assets.",
        ],
    ),
    "COL": (
        Response.Status.DRAFT,
        [
            (
                PARTIALLY,
                "El Sistema de Alertas Tempranas del Observatorio de Drogas de Colombia emite alertas sobre nuevas "
                "sustancias; se está fortaleciendo la participación de la Policía Nacional.",
            ),
            (
                IMPLEMENTED,
                "El Ministerio de Justicia y del Derecho y la Policía Nacional controlan las sustancias químicas "
                "mediante el Sistema de Información para el Control de Sustancias y Productos Químicos (SICOQ) y "
                "utilizan PEN Online.",
            ),
            BLANK,
            BLANK,
            (
                IMPLEMENTED,
                "Las unidades de control portuario de Cartagena, Buenaventura y Santa Marta operan en el marco del "
                "Programa de Fiscalización de Contenedores, con la DIAN y la Policía Nacional.",
            ),
            BLANK,
            (
                IMPLEMENTED,
                "Se realizaron entregas vigiladas con varios países europeos. [Cifras pendientes de confirmación por "
                "la Fiscalía.]",
            ),
            BLANK,
            (
                PARTIALLY,
                "La UIAF y la Fiscalía General de la Nación trabajan en un protocolo para iniciar investigaciones "
                "financieras paralelas.",
            ),
            (
                IMPLEMENTED,
                "El Código de Extinción de Dominio (Ley 1708 de 2014) permite la extinción de dominio sin condena "
                "penal, y la Sociedad de Activos Especiales (SAE) administra los bienes.",
            ),
            (IMPLEMENTED, ""),
            BLANK,
        ],
        ["", ""],
    ),
}


def load_questionnaire_demo(body):
    """Create or restore the recommendations of the 31st meeting of `body`, the questionnaire of the 32nd and its
    responses. Returns the questionnaire.

    Side effects: writes topics, recommendations, questions, the questionnaire and responses (through the
    services, so that each response keeps its versions); deletes what the demo does not have: other topics,
    recommendations and questions of these meetings, responses of other States and files attached to them.
    """
    # Imported here because meetings.demo imports this module.
    from meetings.demo import HONLAC_31_WORKING_GROUPS

    with transaction.atomic():
        meeting_31 = Meeting.objects.get(body=body, number=31)
        meeting_32 = Meeting.objects.get(body=body, number=32)
        topics = _load_topics(meeting_31, HONLAC_31_WORKING_GROUPS)
        recommendations = _load_recommendations(meeting_31, topics)
        questionnaire = _load_questionnaire(meeting_32, source=meeting_31)
        questions = _load_questions(questionnaire, recommendations)
        others = Question.objects.filter(recommendation__meeting=meeting_31).exclude(pk__in=[q.pk for q in questions])
        _delete_questions(others)
        meeting_31.recommendations.exclude(pk__in=[r.pk for r in recommendations]).delete()
        _load_responses(questionnaire, questions)
    return questionnaire


def _load_topics(meeting, titles):
    topics = []
    for position, (english, french, spanish) in enumerate(titles, start=1):
        topic = meeting.topics.filter(position=position).order_by("pk").first() or Topic(
            meeting=meeting, position=position
        )
        topic.title, topic.title_en, topic.title_fr, topic.title_es = english, english, french, spanish
        topic.save()
        topics.append(topic)
    meeting.topics.exclude(pk__in=[topic.pk for topic in topics]).delete()
    return topics


def _load_recommendations(meeting, topics):
    recommendations = []
    for index, (english, french, spanish) in enumerate(RECOMMENDATIONS_31):
        recommendation, _created = Recommendation.objects.update_or_create(
            meeting=meeting,
            number=index + 1,
            defaults={
                "topic": topics[index // RECOMMENDATIONS_PER_TOPIC],
                "text": english,
                "text_en": english,
                "text_fr": french,
                "text_es": spanish,
            },
        )
        recommendations.append(recommendation)
    return recommendations


def _load_questionnaire(meeting, *, source):
    questionnaire = Questionnaire.objects.filter(meeting=meeting).first() or services.generate_questionnaire(meeting)
    questionnaire.source_meeting = source
    questionnaire.deadline = DEADLINE_32
    questionnaire.opened_at = OPENED_32
    for code, text in INTRODUCTION_32.items():
        setattr(questionnaire, f"introduction_{code}", text)
    questionnaire.save()
    return services.set_questionnaire_status(questionnaire, status=Questionnaire.Status.OPEN)


def _load_questions(questionnaire, recommendations):
    """One question per recommendation, in the order of their numbers, then the general questions."""
    questions = []
    for recommendation in recommendations:
        question = questionnaire.questions.filter(recommendation=recommendation).order_by("pk").first()
        questions.append(question or Question(questionnaire=questionnaire, recommendation=recommendation))
    general = list(questionnaire.questions.filter(recommendation=None).order_by("position", "pk"))
    for index, texts in enumerate(GENERAL_QUESTIONS_32):
        question = general[index] if index < len(general) else Question(questionnaire=questionnaire)
        question.text, question.text_en, question.text_fr, question.text_es = texts[0], *texts
        questions.append(question)
    for position, question in enumerate(questions, start=1):
        question.position = position
        if question.recommendation_id:
            question.text, question.text_en, question.text_fr, question.text_es = "", None, None, None
        question.save()
    _delete_questions(questionnaire.questions.exclude(pk__in=[question.pk for question in questions]))
    return questions


def _delete_questions(questions):
    Answer.objects.filter(question__in=questions).delete()
    questions.delete()


def _load_responses(questionnaire, questions):
    secretariat = User.objects.filter(role=User.Role.SECRETARIAT, is_superuser=False).order_by("pk").first()
    states = {state.code: state for state in MemberState.objects.filter(code__in=RESPONSES_32)}
    questionnaire.meeting.participating_states.add(*states.values())
    _delete_responses(questionnaire.responses.exclude(member_state__in=states.values()))
    for code, (status, answers, general_answers) in RESPONSES_32.items():
        entries = [*answers, *(("", text) for text in general_answers)]
        wanted = {question.pk: entry for question, entry in zip(questions, entries, strict=True)}
        response = questionnaire.responses.filter(member_state=states[code]).first()
        if response is not None and _is_as_wanted(response, status, wanted):
            continue
        if response is not None:
            _delete_responses(questionnaire.responses.filter(pk=response.pk))
        # A State without a focal point in the demo sent its answers by email; the secretariat entered them.
        focal_points = User.objects.filter(member_state=states[code], role=User.Role.FOCAL_POINT, is_active=True)
        by = focal_points.order_by("pk").first() or secretariat
        response = services.response_for(questionnaire, states[code])
        services.save_response(response, answers=wanted, expected_version=response.version, by=by)
        if status != Response.Status.DRAFT:
            services.submit_response(response, by=by)
        if status == Response.Status.POSTED:
            services.post_response(response, by=secretariat)


def _history(status):
    """The events of the versions of a demo response in `status`, the latest first."""
    saved, submitted, posted = (
        ResponseVersion.Event.SAVED,
        ResponseVersion.Event.SUBMITTED,
        ResponseVersion.Event.POSTED,
    )
    return {
        Response.Status.DRAFT: [saved],
        Response.Status.SUBMITTED: [submitted, saved],
        Response.Status.POSTED: [posted, submitted, saved],
    }[status]


def _is_as_wanted(response, status, wanted):
    expected = {
        "status": status,
        "answers": {str(question_id): {"status": s, "text": t} for question_id, (s, t) in wanted.items()},
        "attachments": [],
    }
    events = list(response.versions.order_by("-pk").values_list("event", flat=True))
    return services.snapshot(response) == expected and events == _history(status)


def _delete_responses(responses):
    """Delete responses with their answers, versions and attachments, and the attached files once committed."""
    files = [(a.file.storage, a.file.name) for a in Attachment.objects.filter(response__in=responses)]
    responses.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
