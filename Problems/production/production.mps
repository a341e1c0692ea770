* Dakota Furniture product mix (W. L. Winston, Operations Research: Applications and
* Algorithms, 4th ed., Section 6.3). Maximise revenue from desks, tables and chairs
* under lumber, finishing and carpentry capacity and a limit on table demand.
* Optimum: 280 with desks = 2, tables = 0, chairs = 8.
NAME          DAKOTA
OBJSENSE
    MAX
ROWS
 N  REVENUE
 L  LUMBER
 L  FINISH
 L  CARPENT
 L  TABLEDEM
COLUMNS
    DESKS     REVENUE           60.   LUMBER             8.
    DESKS     FINISH             4.   CARPENT            2.
    TABLES    REVENUE           30.   LUMBER             6.
    TABLES    FINISH             2.   CARPENT           1.5
    TABLES    TABLEDEM           1.
    CHAIRS    REVENUE           20.   LUMBER             1.
    CHAIRS    FINISH            1.5   CARPENT           0.5
RHS
    RHS       LUMBER            48.   FINISH            20.
    RHS       CARPENT            8.   TABLEDEM           5.
ENDATA
